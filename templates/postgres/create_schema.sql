CREATE SCHEMA {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }};
{%- if comment %}
COMMENT ON SCHEMA {{ name }} IS {{ comment | literal }};
{%- endif %}

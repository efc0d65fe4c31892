CREATE SCHEMA {{ name }};
{%- if comment %}
COMMENT ON SCHEMA {{ name }} IS {{ comment | literal }};
{%- endif %}

CREATE EXTENSION {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }}{% if schema %} SCHEMA {{ schema }}{% endif %}{% if version %} VERSION {{ version | literal }}{% endif %};
{%- if comment %}
COMMENT ON EXTENSION {{ name }} IS {{ comment | literal }};
{%- endif %}

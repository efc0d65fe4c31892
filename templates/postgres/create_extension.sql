CREATE EXTENSION {{ name }}{% if schema %} SCHEMA {{ schema }}{% endif %}{% if version %} VERSION {{ version | literal }}{% endif %};
{%- if comment %}
COMMENT ON EXTENSION {{ name }} IS {{ comment | literal }};
{%- endif %}

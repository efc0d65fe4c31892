{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT EXISTS (SELECT FROM pg_foreign_data_wrapper WHERE fdwname = {{ raw_name | literal }}){% endblock guard %}
{% block statement -%}
CREATE FOREIGN DATA WRAPPER {{ name }}{% if handler %} HANDLER {{ handler }}{% endif %}{% if validator %} VALIDATOR {{ validator }}{% endif %}{% if options %} OPTIONS ({{ options | join(sep=", ") }}){% endif %};
{%- endblock statement %}

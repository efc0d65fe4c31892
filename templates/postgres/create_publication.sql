{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT EXISTS (SELECT FROM pg_publication WHERE pubname = {{ raw_name | literal }}){% endblock guard %}
{% block statement -%}
CREATE PUBLICATION {{ name }}{% if objects %} FOR {{ objects | join(sep=", ") }}{% endif %}{% if options %} WITH ({{ options | join(sep=", ") }}){% endif %};
{%- endblock statement %}

{% extends "postgres/_guarded.sql" %}
{% block guard %}{% if action == "DROP" %}{% else %}NOT {% endif %}EXISTS (SELECT FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid WHERE p.pubname = {{ raw_name | literal }} AND pn.pnnspid = to_regnamespace({{ schema | literal }})){% endblock guard %}
{% block statement -%}
ALTER PUBLICATION {{ name }} {{ action }} TABLES IN SCHEMA {{ schema }};
{%- endblock statement %}

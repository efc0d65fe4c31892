{% extends "postgres/_guarded.sql" %}
{% block guard %}to_regclass({{ table | literal }}) IS NOT NULL{% endblock guard %}
{% block statement %}ALTER TABLE {{ table }} RENAME TO {{ new_name }};{% endblock statement %}

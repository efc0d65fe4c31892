{% extends "postgres/_guarded.sql" %}
{% block guard %}to_regclass({{ sequence | literal }}) IS NOT NULL{% endblock guard %}
{% block statement %}ALTER SEQUENCE {{ sequence }} RENAME TO {{ new_name }};{% endblock statement %}

{% extends "postgres/_guarded.sql" %}
{% block guard %}to_regclass({{ index | literal }}) IS NOT NULL{% endblock guard %}
{% block statement %}ALTER INDEX {{ index }} RENAME TO {{ new_name }};{% endblock statement %}

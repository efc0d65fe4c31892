{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT EXISTS (SELECT FROM pg_operator WHERE oid = to_regoperator({{ signature | literal }}) AND oprcode <> 0){% endblock guard %}
{% block statement %}{{ definition }};{% endblock statement %}

{% extends "postgres/_guarded.sql" %}
{% block guard %}to_regtype({{ name | literal }}) IS NULL{% endblock guard %}
{% block statement %}CREATE TYPE {{ name }} AS RANGE ({{ options | join(sep=", ") }});{% endblock statement %}

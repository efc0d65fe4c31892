{% extends "postgres/_guarded.sql" %}
{% block guard %}to_regtype({{ name | literal }}) IS NULL{% endblock guard %}
{% block statement %}CREATE TYPE {{ name }} AS ENUM ({{ values | join(sep=", ") }});{% endblock statement %}

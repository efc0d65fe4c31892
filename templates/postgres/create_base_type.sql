{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT {% include "postgres/_type_exists.sql" %}{% endblock guard %}
{% block statement %}CREATE TYPE {{ name }} ({{ options | join(sep=", ") }});{% endblock statement %}

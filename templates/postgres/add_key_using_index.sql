{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({{ table | literal }}) AND conname = {{ constraint.raw_name | literal }}){% endblock guard %}
{% block statement %}ALTER TABLE {{ table }} ADD CONSTRAINT {{ constraint.name }} {{ definition }};{% endblock statement %}

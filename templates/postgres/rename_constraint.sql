{% extends "postgres/_guarded.sql" %}
{% block guard %}EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({{ table | literal }}) AND conname = {{ raw_name | literal }}){% endblock guard %}
{% block statement %}ALTER TABLE {{ table }} RENAME CONSTRAINT {{ name }} TO {{ new_name }};{% endblock statement %}

{% extends "postgres/_guarded.sql" %}
{% block guard %}EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass({{ table | literal }}) AND attname = {{ raw_column | literal }} AND NOT attisdropped){% endblock guard %}
{% block statement %}ALTER TABLE {{ table }} RENAME COLUMN {{ column }} TO {{ new_name }};{% endblock statement %}

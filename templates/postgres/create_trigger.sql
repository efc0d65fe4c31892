{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = to_regclass({{ table | literal }}) AND tgname = {{ raw_name | literal }}){% endblock guard %}
{% block statement %}{{ definition }};{% if state %}
ALTER TABLE {{ table }} {{ state }} TRIGGER {{ name }};{% endif %}{% endblock statement %}

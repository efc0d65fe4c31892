{% extends "postgres/_guarded.sql" %}
{% block guard %}EXISTS (SELECT FROM pg_enum WHERE enumtypid = to_regtype({{ name | literal }}) AND enumlabel = {{ from }}){% endblock guard %}
{% block statement %}ALTER TYPE {{ name }} RENAME VALUE {{ from }} TO {{ to }};{% endblock statement %}

{% extends "postgres/_guarded.sql" %}
{% block guard %}NOT EXISTS (SELECT FROM pg_policy WHERE polrelid = to_regclass({{ table | literal }}) AND polname = {{ raw_name | literal }}){% endblock guard %}
{% block statement -%}
CREATE POLICY {{ name }} ON {{ table }} AS {{ as }} FOR {{ command }} TO {{ roles | join(sep=", ") }}
{%- if using %} USING ({{ using }}){% endif %}
{%- if with_check %} WITH CHECK ({{ with_check }}){% endif %};
{%- endblock statement %}

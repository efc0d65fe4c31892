{% extends "postgres/_guarded.sql" %}
{% block guard %}to_regtype({{ name | literal }}) IS NULL{% endblock guard %}
{% block statement -%}
CREATE DOMAIN {{ name }} AS {{ type }}{% if collation %} COLLATE {{ collation }}{% endif %}{% if default %} DEFAULT {{ default }}{% endif %}{% if not_null %} NOT NULL{% endif %}
{%- for k in checks %}
    CONSTRAINT {{ k.name }} CHECK ({{ k.expr }})
{%- endfor %};
{%- endblock statement %}

{%- if valid -%}
ALTER TABLE {{ table }} VALIDATE CONSTRAINT {{ constraint.name }};
{%- else -%}
ALTER TABLE {{ table }} DROP CONSTRAINT {% if build.idempotent %}IF EXISTS {% endif %}{{ constraint.name }};
ALTER TABLE {{ table }} ADD CONSTRAINT {{ constraint.name }} {{ constraint.definition }} NOT VALID;
{%- endif %}

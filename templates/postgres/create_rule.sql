CREATE {% if build.idempotent %}OR REPLACE {% endif %}RULE {{ definition }};{% if state %}
ALTER TABLE {{ relation }} {{ state }} RULE {{ name }};{% endif %}
{%- include "postgres/_comments.sql" %}

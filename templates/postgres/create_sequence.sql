CREATE SEQUENCE {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }}{% if options %} {{ options }}{% endif %};
{%- include "postgres/_comments.sql" %}

CREATE {% if build.idempotent %}OR REPLACE {% endif %}RULE {{ definition }};
{%- include "postgres/_comments.sql" %}

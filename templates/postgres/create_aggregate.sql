{% if build.idempotent %}{{ definition | replace(from="CREATE AGGREGATE", to="CREATE OR REPLACE AGGREGATE") }}{% else %}{{ definition }}{% endif %};
{%- include "postgres/_comments.sql" %}

{% if build.idempotent %}{{ definition | replace(from="CREATE AGGREGATE", to="CREATE OR REPLACE AGGREGATE") }}{% else %}{{ definition }}{% endif %};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

ALTER TABLE {{ table }} ADD COLUMN {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ column.definition }};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

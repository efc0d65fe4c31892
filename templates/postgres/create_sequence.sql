CREATE SEQUENCE {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }}{% if options %} {{ options }}{% endif %};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

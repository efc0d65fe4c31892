CREATE TYPE {{ name }} AS ENUM ({{ values | join(sep=", ") }});
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

CREATE {{ kind }} {{ name }} AS
{{ query }}{% if materialized and with_no_data %}
WITH NO DATA{% endif %};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

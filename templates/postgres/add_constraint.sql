ALTER TABLE {{ table }} ADD CONSTRAINT {{ constraint.name }} {{ constraint.definition }}{% if not_valid %} NOT VALID{% endif %};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

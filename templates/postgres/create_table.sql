CREATE TABLE {{ name }} (
{%- for c in columns %}
    {{ c.definition }}{% if not loop.last or constraints %},{% endif %}
{%- endfor %}
{%- for k in constraints %}
    CONSTRAINT {{ k.name }} {{ k.definition }}{% if not loop.last %},{% endif %}
{%- endfor %}
);
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

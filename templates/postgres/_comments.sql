{#- The COMMENT ON statements written after a created or rebuilt object. -#}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor -%}

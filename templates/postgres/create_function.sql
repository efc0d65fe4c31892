{#- Bodies are checked when called, not when created, so functions can come before tables. -#}
SET LOCAL check_function_bodies = off;
{{ definition }};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}

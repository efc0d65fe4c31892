{#- The column defaults of a created or rebuilt view (`ALTER VIEW … SET DEFAULT`). -#}
{%- for d in defaults %}
ALTER VIEW {{ name }} ALTER COLUMN {{ d.column }} SET DEFAULT {{ d.default }};
{%- endfor -%}

{#- Pieces shared by the migration file templates of every format. -#}

{#- The first lines of one direction: which migration it is, then its notes as comments. -#}
{% macro header(version, name, direction, notes) -%}
-- migrator: {{ version }}_{{ name }} ({{ direction }})
{%- for line in notes %}
-- {{ line }}
{%- endfor %}
{%- endmacro header %}

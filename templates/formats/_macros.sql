{#- Pieces shared by the migration file templates of every format. -#}

{#- The first lines of one direction: which migration it is, then its notes as comments. -#}
{% macro header(version, name, direction, notes) -%}
-- migrator: {{ version }}_{{ name }} ({{ direction }})
{%- for line in notes %}
-- {{ line }}
{%- endfor %}
{%- endmacro header %}

{#- One direction of a single-file format: its header, then each statement, between the
    `begin` and `end` lines when the format marks statements out. -#}
{% macro section(version, name, direction, part, begin="", end="") -%}
{{ self::header(version=version, name=name, direction=direction, notes=part.notes) }}
{% for s in part.statements %}
{% if begin %}{{ begin }}
{% endif %}{{ s }}{% if end %}
{{ end }}{% endif %}
{% endfor %}
{%- endmacro section %}

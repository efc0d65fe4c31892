{%- if op != "create" -%}
DROP INDEX {% if build.idempotent %}IF EXISTS {% endif %}{{ from.internal_name }};
{%- endif %}
{%- if op != "drop" %}
CREATE {% if to.unique %}UNIQUE {% endif %}INDEX {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ to.name }} ON {{ to.view }} ({{ to.keys }});
{%- endif %}

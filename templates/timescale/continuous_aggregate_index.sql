{%- if op != "create" -%}
DROP INDEX {{ from.internal_name }};
{%- endif %}
{%- if op != "drop" %}
CREATE {% if to.unique %}UNIQUE {% endif %}INDEX {{ to.name }} ON {{ to.view }} ({{ to.keys }});
{%- endif %}

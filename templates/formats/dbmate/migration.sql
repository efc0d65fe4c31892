-- migrate:up{% if not transactional %} transaction:false{% endif %}
-- migrator: {{ version }}_{{ name }} (up)
{%- for line in up.notes %}
-- {{ line }}
{%- endfor %}
{% for s in up.statements %}
{{ s }}
{% endfor %}
-- migrate:down{% if not transactional %} transaction:false{% endif %}
-- migrator: {{ version }}_{{ name }} (down)
{%- for line in down.notes %}
-- {{ line }}
{%- endfor %}
{% for s in down.statements %}
{{ s }}
{% endfor -%}

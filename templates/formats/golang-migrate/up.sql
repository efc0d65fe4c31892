-- migrator: {{ version }}_{{ name }} ({{ direction }})
{%- for line in notes %}
-- {{ line }}
{%- endfor %}
{%- if transactional %}
BEGIN;
{%- endif %}
{% for s in statements %}
{{ s }}
{% endfor %}
{%- if transactional %}
COMMIT;
{% endif -%}

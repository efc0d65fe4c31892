{#- One golang-migrate file. golang-migrate sends the whole file as one Exec. -#}
-- migrator: {{ version }}_{{ name }} (down)
{% for line in notes %}-- {{ line }}
{% endfor -%}
{% if transactional %}
BEGIN;
{% endif %}
{% for s in statements %}
{{ s }}
{% endfor %}
{%- if transactional %}
COMMIT;
{% endif -%}

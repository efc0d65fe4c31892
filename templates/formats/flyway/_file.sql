-- migrator: {{ version }}_{{ name }} ({{ direction }})
{%- if not transactional %}
-- runs outside a transaction: see the .sql.conf file beside this one
{%- endif %}
{%- for line in notes %}
-- {{ line }}
{%- endfor %}
{% for s in statements %}
{{ s }}
{% endfor -%}
{#- One Flyway script: up.sql (V…) and down.sql (U…) both render this text. -#}

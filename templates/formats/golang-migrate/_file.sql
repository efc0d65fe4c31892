{% import "formats/_macros.sql" as m %}
{#- One golang-migrate file; up.sql and down.sql are both this text. -#}
{{ m::header(version=version, name=name, direction=direction, notes=notes) }}
{%- if transactional %}
BEGIN;
{%- endif %}
{% for s in statements %}
{{ s }}
{% endfor %}
{%- if transactional %}
COMMIT;
{% endif -%}

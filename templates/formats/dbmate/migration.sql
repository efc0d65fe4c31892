{% import "formats/_macros.sql" as m %}
-- migrate:up{% if not transactional %} transaction:false{% endif %}
{{ m::header(version=version, name=name, direction="up", notes=up.notes) }}
{% for s in up.statements %}
{{ s }}
{% endfor %}
-- migrate:down{% if not transactional %} transaction:false{% endif %}
{{ m::header(version=version, name=name, direction="down", notes=down.notes) }}
{% for s in down.statements %}
{{ s }}
{% endfor -%}

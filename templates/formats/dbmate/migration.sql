{% import "formats/_macros.sql" as m %}
-- migrate:up{% if not transactional %} transaction:false{% endif %}
{{ m::section(version=version, name=name, direction="up", part=up) }}
-- migrate:down{% if not transactional %} transaction:false{% endif %}
{{ m::section(version=version, name=name, direction="down", part=down) -}}

{% import "formats/_macros.sql" as m %}
{%- if not transactional -%}
-- +goose NO TRANSACTION
{% endif -%}
-- +goose Up
{{ m::header(version=version, name=name, direction="up", notes=up.notes) }}
{% for s in up.statements %}
-- +goose StatementBegin
{{ s }}
-- +goose StatementEnd
{% endfor %}
-- +goose Down
{{ m::header(version=version, name=name, direction="down", notes=down.notes) }}
{% for s in down.statements %}
-- +goose StatementBegin
{{ s }}
-- +goose StatementEnd
{% endfor -%}

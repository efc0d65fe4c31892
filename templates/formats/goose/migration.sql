{% import "formats/_macros.sql" as m %}
{%- if not transactional -%}
-- +goose NO TRANSACTION
{% endif -%}
-- +goose Up
{{ m::section(version=version, name=name, direction="up", part=up, begin="-- +goose StatementBegin", end="-- +goose StatementEnd") }}
-- +goose Down
{{ m::section(version=version, name=name, direction="down", part=down, begin="-- +goose StatementBegin", end="-- +goose StatementEnd") -}}

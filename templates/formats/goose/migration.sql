{%- if not transactional -%}
-- +goose NO TRANSACTION
{% endif -%}
-- +goose Up
-- migrator: {{ version }}_{{ name }} (up)
{%- for line in up.notes %}
-- {{ line }}
{%- endfor %}
{% for s in up.statements %}
-- +goose StatementBegin
{{ s }}
-- +goose StatementEnd
{% endfor %}
-- +goose Down
-- migrator: {{ version }}_{{ name }} (down)
{%- for line in down.notes %}
-- {{ line }}
{%- endfor %}
{% for s in down.statements %}
-- +goose StatementBegin
{{ s }}
-- +goose StatementEnd
{% endfor -%}

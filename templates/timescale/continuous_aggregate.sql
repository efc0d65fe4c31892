{%- if op == "create" -%}
CREATE MATERIALIZED VIEW {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ to.view }} WITH (timescaledb.continuous, timescaledb.materialized_only = {{ to.materialized_only }}{% if not to.create_group_indexes %}, timescaledb.create_group_indexes = false{% endif %}) AS
{{ to.query }};
{%- elif op == "drop" -%}
DROP MATERIALIZED VIEW {% if build.idempotent %}IF EXISTS {% endif %}{{ from.view }};
{%- else -%}
ALTER MATERIALIZED VIEW {{ to.view }} SET (timescaledb.materialized_only = {{ to.materialized_only }});
{%- endif %}

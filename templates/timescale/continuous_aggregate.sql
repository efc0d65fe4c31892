{%- if op == "create" -%}
CREATE MATERIALIZED VIEW {{ to.view }} WITH (timescaledb.continuous, timescaledb.materialized_only = {{ to.materialized_only }}) AS
{{ to.query }};
{%- elif op == "drop" -%}
DROP MATERIALIZED VIEW {{ from.view }};
{%- else -%}
ALTER MATERIALIZED VIEW {{ to.view }} SET (timescaledb.materialized_only = {{ to.materialized_only }});
{%- endif %}

CREATE {% if build.idempotent and not materialized %}OR REPLACE {% endif %}{{ kind }} {% if build.idempotent and materialized %}IF NOT EXISTS {% endif %}{{ name }}{% if options %} WITH {{ options }}{% endif %} AS
{{ query }}{% if materialized and with_no_data %}
WITH NO DATA{% endif %};
{%- include "postgres/_view_defaults.sql" %}
{%- for s in statistics %}
ALTER MATERIALIZED VIEW {{ name }} ALTER COLUMN {{ s.column }} SET STATISTICS {{ s.target }};
{%- endfor %}
{%- for c in column_options %}
ALTER MATERIALIZED VIEW {{ name }} ALTER COLUMN {{ c.column }} SET ({{ c.set | join(sep=", ") }});
{%- endfor %}
{%- include "postgres/_comments.sql" %}

CREATE {% if unique %}UNIQUE {% endif %}INDEX {% if concurrently %}CONCURRENTLY {% endif %}{% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }} ON {{ table }} USING {{ method }} ({{ keys | join(sep=", ") }})
{%- if include %} INCLUDE ({{ include | join(sep=", ") }}){% endif %}
{%- if nulls_not_distinct %} NULLS NOT DISTINCT{% endif %}
{%- if with %} WITH ({{ with | join(sep=", ") }}){% endif %}
{%- if predicate %} WHERE {{ predicate }}{% endif %};
{%- for s in statistics %}
ALTER INDEX {{ qualified_name }} ALTER COLUMN {{ s.column }} SET STATISTICS {{ s.target }};
{%- endfor %}
{%- include "postgres/_comments.sql" %}

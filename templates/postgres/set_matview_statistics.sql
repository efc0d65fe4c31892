{%- for s in statistics %}
ALTER MATERIALIZED VIEW {{ view }} ALTER COLUMN {{ s.column }} SET STATISTICS {{ s.target }};
{%- endfor %}

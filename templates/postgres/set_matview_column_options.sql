{%- for c in columns %}
ALTER MATERIALIZED VIEW {{ view }} {% if c.set %}ALTER COLUMN {{ c.column }} SET ({{ c.set | join(sep=", ") }}){% if c.reset %}, {% endif %}{% endif %}{% if c.reset %}ALTER COLUMN {{ c.column }} RESET ({{ c.reset | join(sep=", ") }}){% endif %};
{%- endfor %}

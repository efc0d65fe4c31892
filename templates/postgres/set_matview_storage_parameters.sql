ALTER MATERIALIZED VIEW {{ view }} {% if set %}SET ({{ set | join(sep=", ") }}){% if reset %}, {% endif %}{% endif %}{% if reset %}RESET ({{ reset | join(sep=", ") }}){% endif %};

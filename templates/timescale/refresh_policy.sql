{%- if op != "create" -%}
SELECT remove_continuous_aggregate_policy({{ from.regclass }}{% if build.idempotent %}, if_exists => true{% endif %});
{%- endif %}
{%- if op != "drop" %}
SELECT add_continuous_aggregate_policy({{ to.regclass }}, start_offset => {{ to.start_offset }}, end_offset => {{ to.end_offset }}, schedule_interval => {{ to.schedule_interval }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endif %}

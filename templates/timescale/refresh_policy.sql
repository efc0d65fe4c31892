{%- if op != "create" -%}
SELECT remove_continuous_aggregate_policy({{ from.regclass }});
{%- endif %}
{%- if op != "drop" %}
SELECT add_continuous_aggregate_policy({{ to.regclass }}, start_offset => {{ to.start_offset }}, end_offset => {{ to.end_offset }}, schedule_interval => {{ to.schedule_interval }});
{%- endif %}

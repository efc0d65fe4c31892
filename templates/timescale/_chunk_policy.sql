{#- A policy on the chunks of a hypertable older than a lag: the template that includes this
    one sets `policy` (`compression_policy`, `retention_policy`: its add_ and remove_
    functions) and `lag` (the lag parameter). -#}
{%- if op != "create" -%}
SELECT remove_{{ policy }}({{ from.regclass }}{% if build.idempotent %}, if_exists => true{% endif %});
{%- endif %}
{%- if op != "drop" %}
SELECT add_{{ policy }}({{ to.regclass }}, {{ lag }} => {{ to.lag }}, schedule_interval => {{ to.schedule_interval }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endif %}

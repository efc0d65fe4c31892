{#- A reorder policy: TimescaleDB has no way to change one, so a change is remove + add. -#}
{%- if op != "create" -%}
SELECT remove_reorder_policy({{ from.regclass }}{% if build.idempotent %}, if_exists => true{% endif %});
{%- endif %}
{%- if op != "drop" %}
SELECT add_reorder_policy({{ to.regclass }}, {{ to.index }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endif %}

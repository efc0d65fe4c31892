{%- if op != "create" -%}
SELECT remove_retention_policy({{ from.regclass }}{% if build.idempotent %}, if_exists => true{% endif %});
{%- endif %}
{%- if op != "drop" %}
SELECT add_retention_policy({{ to.regclass }}, drop_after => {{ to.drop_after }}, schedule_interval => {{ to.schedule_interval }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endif %}

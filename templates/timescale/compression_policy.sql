{%- if op != "create" -%}
SELECT remove_compression_policy({{ from.regclass }}{% if build.idempotent %}, if_exists => true{% endif %});
{%- endif %}
{%- if op != "drop" %}
SELECT add_compression_policy({{ to.regclass }}, compress_after => {{ to.compress_after }}, schedule_interval => {{ to.schedule_interval }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endif %}

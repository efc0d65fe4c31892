{%- if op != "create" -%}
SELECT remove_retention_policy({{ from.regclass }});
{%- endif %}
{%- if op != "drop" %}
SELECT add_retention_policy({{ to.regclass }}, drop_after => {{ to.drop_after }}, schedule_interval => {{ to.schedule_interval }});
{%- endif %}

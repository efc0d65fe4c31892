{%- if restart_unused -%}
DO $migrator$ BEGIN IF pg_sequence_last_value(to_regclass({{ name | literal }})) IS NULL THEN
ALTER SEQUENCE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} {{ options }} RESTART;
ELSE
ALTER SEQUENCE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} {{ options }};
END IF; END $migrator$;
{%- else -%}
ALTER SEQUENCE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} {{ options }};
{%- endif %}

{%- if guard_column %}
DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass({{ table | literal }}) AND attname = {{ raw_column | literal }} AND NOT attisdropped) THEN
{%- endif %}
{%- for a in actions %}
{%- if build.idempotent and a is starting_with("ADD GENERATED") %}
DO $migrator$ BEGIN IF (SELECT attidentity FROM pg_attribute WHERE attrelid = to_regclass({{ table | literal }}) AND attname = {{ raw_column | literal }}) = '' THEN
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
END IF; END $migrator$;
{%- elif identity_guard and a == "DROP DEFAULT" %}
DO $migrator$ BEGIN IF (SELECT attidentity FROM pg_attribute WHERE attrelid = to_regclass({{ table | literal }}) AND attname = {{ raw_column | literal }}) = '' THEN
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
END IF; END $migrator$;
{%- elif identity_restart_unused and a is containing("SET INCREMENT BY") %}
DO $migrator$ BEGIN IF pg_sequence_last_value(pg_get_serial_sequence({{ table | literal }}, {{ raw_column | literal }})::regclass) IS NULL THEN
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }} RESTART;
ELSE
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
END IF; END $migrator$;
{%- elif fdw_options_guard and a is starting_with("OPTIONS (") %}
DO $migrator$ BEGIN IF {{ fdw_options_guard }} THEN
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
END IF; END $migrator$;
{%- elif type_guard and a is starting_with("TYPE ") %}
DO $migrator$ BEGIN IF {{ type_guard }} THEN
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
END IF; END $migrator$;
{%- else %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
{%- endif %}
{%- endfor -%}
{%- include "postgres/_comments.sql" %}
{%- if guard_column %}
END IF; END $migrator$;
{%- endif -%}

{%- if build.idempotent -%}
DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass({{ table | literal }}) AND attname = {{ raw_column | literal }} AND NOT attisdropped) THEN
{% endif -%}
ALTER TABLE {{ table }} RENAME COLUMN {{ column }} TO {{ new_name }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}

{%- if guard and build.idempotent -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_attribute a JOIN pg_type t ON t.typrelid = a.attrelid WHERE t.oid = to_regtype({{ name | literal }}) AND a.attname = {{ guard | literal }} AND NOT a.attisdropped) THEN
ALTER TYPE {{ name }} {{ actions | join(sep=", ") }};
END IF; END $migrator$;
{%- else -%}
ALTER TYPE {{ name }} {{ actions | join(sep=", ") }};
{%- endif %}

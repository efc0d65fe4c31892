{%- if of_type -%}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_class WHERE oid = to_regclass({{ table | literal }}) AND reloftype = to_regtype({{ of_type | literal }})) THEN
{%- endif %}
ALTER TABLE {{ table }} OF {{ of_type }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- else -%}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_class WHERE oid = to_regclass({{ table | literal }}) AND reloftype <> 0) THEN
{%- endif %}
ALTER TABLE {{ table }} NOT OF;
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endif %}

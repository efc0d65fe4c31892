{%- if version %}ALTER EXTENSION {{ name }} UPDATE TO {{ version | literal }};{% endif %}
{%- if schema %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = {{ raw_name | literal }}) IS DISTINCT FROM {{ schema | literal }} THEN
{%- endif %}
ALTER EXTENSION {{ name }} SET SCHEMA {{ schema }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endif %}
{%- if version and downgrade %}-- A downgrade: kept at the newer version when the extension ships no path down.
DO $migrator$ BEGIN
    ALTER EXTENSION {{ name }} UPDATE TO {{ version | literal }};
EXCEPTION WHEN invalid_parameter_value THEN
    RAISE NOTICE 'extension % has no update path to %: left as it is', {{ name | literal }}, {{ version | literal }};
END $migrator$;
{%- elif version %}ALTER EXTENSION {{ name }} UPDATE TO {{ version | literal }};{% endif %}
{%- if schema %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = {{ raw_name | literal }}) IS DISTINCT FROM {{ schema | literal }} THEN
{%- endif %}
ALTER EXTENSION {{ name }} SET SCHEMA {{ schema }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endif %}
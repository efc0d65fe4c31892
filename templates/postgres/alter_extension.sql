{%- if version and downgrade %}-- A downgrade: kept at the newer version when the extension ships no path down.
DO $migrator$ BEGIN
    ALTER EXTENSION {{ name }} UPDATE TO {{ version | literal }};
EXCEPTION WHEN invalid_parameter_value THEN
    RAISE NOTICE 'extension % has no update path to %: left as it is', {{ name | literal }}, {{ version | literal }};
END $migrator$;
{%- elif version %}ALTER EXTENSION {{ name }} UPDATE TO {{ version | literal }};{% endif %}
{%- if schema %}
ALTER EXTENSION {{ name }} SET SCHEMA {{ schema }};{% endif %}

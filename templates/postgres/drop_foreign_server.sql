{%- if build.idempotent -%}
{#- Only the server as it stands before: a second run finds the one created again in its place. -#}
DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw WHERE s.srvname = {{ raw_name | literal }} AND w.fdwname = {{ raw_wrapper | literal }} AND s.srvtype IS NOT DISTINCT FROM {{ stored_type }}) THEN
DROP SERVER {{ name }};
END IF; END $migrator$;
{%- else -%}
DROP SERVER {{ name }};
{%- endif %}

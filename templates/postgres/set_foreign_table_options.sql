{%- if build.idempotent %}
DO $migrator$ BEGIN IF {{ options_guard }} THEN
{%- endif %}
ALTER FOREIGN TABLE {{ table }} OPTIONS ({{ options | join(sep=", ") }});
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}

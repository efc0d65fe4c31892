{%- if actions %}
ALTER FOREIGN DATA WRAPPER {{ name }} {{ actions | join(sep=" ") }};
{%- endif %}
{%- if options %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF {{ options_guard }} THEN
{%- endif %}
ALTER FOREIGN DATA WRAPPER {{ name }} OPTIONS ({{ options | join(sep=", ") }});
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endif %}

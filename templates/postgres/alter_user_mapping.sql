{%- if build.idempotent %}
DO $migrator$ BEGIN IF {{ options_guard }} THEN
{%- endif %}
ALTER USER MAPPING FOR {{ user }} SERVER {{ server }} OPTIONS ({{ options | join(sep=", ") }});
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}

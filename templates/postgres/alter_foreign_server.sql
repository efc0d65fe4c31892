{%- if version %}
ALTER SERVER {{ name }} VERSION {{ version }};
{%- endif %}
{%- if options %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF {{ options_guard }} THEN
{%- endif %}
ALTER SERVER {{ name }} OPTIONS ({{ options | join(sep=", ") }});
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endif %}

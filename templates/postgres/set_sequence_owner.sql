{#- A sequence unlinked before its drop may by now be an identity column's, under the same
    name (a serial made identity), whose owner PostgreSQL refuses to change: the idempotent
    form leaves such a sequence alone. -#}
{%- if identity_guard -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = to_regclass({{ name | literal }}) AND deptype = 'i') THEN
ALTER SEQUENCE IF EXISTS {{ name }} OWNED BY NONE;
END IF; END $migrator$;
{%- else -%}
ALTER SEQUENCE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} OWNED BY {{ owner }};
{%- endif %}

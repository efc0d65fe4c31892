{#- A sequence dropped in an idempotent file may by now be an identity column's, under the
    same name (a serial made identity): a second run leaves it alone. -#}
{%- if identity_guard -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = to_regclass({{ name | literal }}) AND deptype = 'i') THEN
DROP SEQUENCE IF EXISTS {{ name }};
END IF; END $migrator$;
{%- else -%}
DROP SEQUENCE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
{%- endif %}

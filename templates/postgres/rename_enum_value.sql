{%- if build.idempotent -%}
DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_enum WHERE enumtypid = to_regtype({{ name | literal }}) AND enumlabel = {{ from }}) THEN
{% endif -%}
ALTER TYPE {{ name }} RENAME VALUE {{ from }} TO {{ to }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}

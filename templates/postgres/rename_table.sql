{%- if build.idempotent -%}
DO $migrator$ BEGIN IF to_regclass({{ table | literal }}) IS NOT NULL THEN
{% endif -%}
ALTER TABLE {{ table }} RENAME TO {{ new_name }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}

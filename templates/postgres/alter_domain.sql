{%- for a in actions %}
{%- if a.guard and build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE contypid = to_regtype({{ name | literal }}) AND conname = {{ a.guard | literal }}) THEN
ALTER DOMAIN {{ name }} {{ a.sql }};
END IF; END $migrator$;
{%- else %}
ALTER DOMAIN {{ name }} {{ a.sql }};
{%- endif %}
{%- endfor %}

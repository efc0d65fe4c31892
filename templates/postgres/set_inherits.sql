{%- for p in removed %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ p | literal }})) THEN
{%- endif %}
ALTER TABLE {{ table }} NO INHERIT {{ p }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endfor %}
{%- for p in added %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ p | literal }})) THEN
{%- endif %}
ALTER TABLE {{ table }} INHERIT {{ p }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endfor %}

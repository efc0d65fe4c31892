{%- if not rebuild %}
{%- for a in add %}
ALTER TYPE {{ name }} ADD VALUE {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ a.value }}{% if a.position %} {{ a.position }}{% endif %};
{%- endfor %}
{%- else %}
-- The type is rebuilt and its columns converted (values removed or reordered, or a default that needs a new value).
{%- if build.idempotent %}
DO $migrator$ BEGIN IF (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = to_regtype({{ name | literal }})) IS DISTINCT FROM ARRAY[{{ values | join(sep=", ") }}]::text[] THEN
{%- endif %}
ALTER TYPE {{ name }} RENAME TO {{ old_name }};
CREATE TYPE {{ name }} AS ENUM ({{ values | join(sep=", ") }});
{%- for c in columns %}
{%- if c.drop_default %}
ALTER TABLE {{ c.table }} ALTER COLUMN {{ c.column }} DROP DEFAULT;
{%- endif %}
ALTER TABLE {{ c.table }} ALTER COLUMN {{ c.column }} TYPE {{ c.type }} USING {{ c.using }};
{%- if c.default %}
ALTER TABLE {{ c.table }} ALTER COLUMN {{ c.column }} SET DEFAULT {{ c.default }};
{%- endif %}
{%- endfor %}
DROP TYPE {{ old }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- include "postgres/_comments.sql" %}
{%- endif %}

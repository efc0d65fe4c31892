{%- if detach_from %}
{%- if build.idempotent %}DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ detach_from | literal }})) THEN
{% endif -%}
ALTER TABLE {{ detach_from }} DETACH PARTITION {{ table }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{%- if leftovers_except is iterable %}
DO $migrator$
-- migrator: the copies of the parent's indexes and keys the detach left behind
DECLARE r record; BEGIN
FOR r IN SELECT i.relname, k.conname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid WHERE x.indrelid = to_regclass({{ table | literal }}) AND i.relname <> ALL (ARRAY[{% for n in leftovers_except %}{{ n | literal }}, {% endfor %}'']::name[]) LOOP
IF r.conname IS NOT NULL THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', {{ table | literal }}, r.conname);
ELSE EXECUTE format('DROP INDEX %I.%I', {{ schema | literal }}, r.relname); END IF;
END LOOP; END $migrator$;
{%- endif %}
{%- endif %}
{%- if attach_to %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ attach_to | literal }})) THEN
{%- endif %}
ALTER TABLE {{ attach_to }} ATTACH PARTITION {{ table }} {{ bound }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{%- endif %}
{%- if detach_from %}
{%- if build.idempotent %}DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ detach_from | literal }})) THEN
{% endif -%}
ALTER TABLE {{ detach_from }} DETACH PARTITION {{ table }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{%- if keep %}
DO $migrator$
-- migrator: the copies of the parent's indexes and constraints the detach left behind
DECLARE r record; BEGIN
FOR r IN SELECT * FROM (
SELECT k.conname AS name, true AS is_constraint, k.contype <> 'f' AS later FROM pg_constraint k WHERE k.conrelid = to_regclass({{ table | literal }}) AND k.conparentid = 0 AND k.coninhcount = 0 AND k.contype <> 'c'
UNION ALL SELECT i.relname, false, true FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass({{ table | literal }}) AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid)
) c WHERE c.name <> ALL ({{ keep }}) ORDER BY c.later, c.name LOOP
IF r.is_constraint THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', {{ table | literal }}, r.name);
ELSE EXECUTE format('DROP INDEX %I.%I', {{ schema | literal }}, r.name); END IF;
END LOOP; END $migrator$;
{%- endif %}
{%- for k in dropped_checks %}
ALTER TABLE {{ table }} DROP CONSTRAINT {% if build.idempotent %}IF EXISTS {% endif %}{{ k }};
{%- endfor %}
{%- endif %}
{%- if attach_to %}
{%- for k in checks %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({{ table | literal }}) AND conname = {{ k.raw_name | literal }}) THEN
{%- endif %}
ALTER TABLE {{ table }} ADD CONSTRAINT {{ k.name }} {{ k.definition }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endfor %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ attach_to | literal }})) THEN
{%- endif %}
ALTER TABLE {{ attach_to }} ATTACH PARTITION {{ table }} {{ bound }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{%- endif %}
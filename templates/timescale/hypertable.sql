{%- if op == "create" -%}
SELECT create_hypertable({{ to.regclass }}, {{ to.dimension }}, create_default_indexes => false, migrate_data => true{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- for d in to.dimensions %}
SELECT add_dimension({{ to.regclass }}, {{ d }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endfor %}
{%- if to.integer_now_func %}
SELECT set_integer_now_func({{ to.regclass }}, {{ to.integer_now_func }}{% if build.idempotent %}, replace_if_exists => true{% endif %});
{%- endif %}
{%- elif op == "drop" -%}
-- hazard: TimescaleDB cannot turn a hypertable back into a plain table: {{ from.table }} is recreated as a plain table, its rows are copied and its constraints, indexes, triggers and comment restored (slow, and locks the table)
DO $migrator_tsdb$
DECLARE
    sch text := {{ from.schema_literal }};
    rel text := {{ from.name_literal }};
    qn text := format('%I.%I', sch, rel);
    tmp text := left(rel, 40) || '_migrator_ht';
    cons text[];
    refs text[];
    idx text[];
    seqs text[];
    trgs text[];
    cols text;
    cmt text;
    stmt text;
BEGIN
{%- if build.idempotent %}
    IF NOT EXISTS (SELECT FROM timescaledb_information.hypertables WHERE hypertable_schema = sch AND hypertable_name = rel) THEN
        RETURN;
    END IF;
{%- endif %}
    SELECT coalesce(array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', qn, c.conname, pg_get_constraintdef(c.oid)) ORDER BY c.contype = 'f', c.conname), '{}')
      INTO cons FROM pg_constraint c WHERE c.conrelid = qn::regclass AND c.contype IN ('p', 'u', 'c', 'f', 'x');
    SELECT coalesce(array_agg(format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid))), '{}')
      INTO refs FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.confrelid = qn::regclass AND c.conrelid <> qn::regclass AND c.contype = 'f';
    SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid) ORDER BY i.indexrelid), '{}')
      INTO idx FROM pg_index i WHERE i.indrelid = qn::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid);
    SELECT coalesce(array_agg(format('ALTER SEQUENCE %s OWNED BY %s.%I', dep.objid::regclass, qn, a.attname)), '{}')
      INTO seqs FROM pg_depend dep JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
      JOIN pg_class sq ON sq.oid = dep.objid AND sq.relkind = 'S'
     WHERE dep.refobjid = qn::regclass AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'a';
    SELECT coalesce(array_agg(pg_get_triggerdef(tg.oid) ORDER BY tg.tgname), '{}')
      INTO trgs FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
     WHERE tg.tgrelid = qn::regclass AND NOT tg.tgisinternal
       AND p.pronamespace::regnamespace::text NOT LIKE '\_timescaledb%';
    SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
     WHERE attrelid = qn::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    cmt := obj_description(qn::regclass, 'pg_class');
    EXECUTE format('ALTER TABLE %s RENAME TO %I', qn, tmp);
    EXECUTE format('CREATE TABLE %s (LIKE %I.%I INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING COMMENTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS)', qn, sch, tmp);
    EXECUTE format('INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %I.%I', qn, cols, cols, sch, tmp);
    FOREACH stmt IN ARRAY seqs LOOP EXECUTE stmt; END LOOP;
    EXECUTE format('DROP TABLE %I.%I CASCADE', sch, tmp);
    FOREACH stmt IN ARRAY cons LOOP EXECUTE stmt; END LOOP;
    FOREACH stmt IN ARRAY idx LOOP EXECUTE stmt; END LOOP;
    FOREACH stmt IN ARRAY refs LOOP EXECUTE stmt; END LOOP;
    FOREACH stmt IN ARRAY trgs LOOP EXECUTE stmt; END LOOP;
    IF cmt IS NOT NULL THEN
        EXECUTE format('COMMENT ON TABLE %s IS %L', qn, cmt);
    END IF;
END
$migrator_tsdb$;
{%- else -%}
{%- if from.interval != to.interval %}
SELECT set_chunk_time_interval({{ to.regclass }}, {{ to.interval }});
{%- endif %}
{%- for s in dimension_changes %}
{{ s }}
{%- endfor %}
{%- for d in to.dimensions %}{% if loop.index > from.dimensions | length %}
SELECT add_dimension({{ to.regclass }}, {{ d }}{% if build.idempotent %}, if_not_exists => true{% endif %});
{%- endif %}{% endfor %}
{%- if to.integer_now_func and to.integer_now_func != from.integer_now_func %}
SELECT set_integer_now_func({{ to.regclass }}, {{ to.integer_now_func }}, replace_if_exists => true);
{%- endif %}
{%- endif %}

{#- PostgreSQL's alter_column, wrapped for hypertables with compression: TimescaleDB 2.23
    refuses ALTER COLUMN … TYPE there ("operation not supported on hypertables that have
    columnstore enabled"), and allows every other column change directly. -#}
{%- set_global wrap = false %}
{%- for a in actions %}{% if a is starting_with("TYPE ") %}{% set_global wrap = true %}{% endif %}{% endfor %}
{%- if wrap %}
-- hazard: if {{ table }} is a hypertable with compression, its chunks are decompressed and compression is disabled for the type change, then re-enabled with the same settings (chunks stay decompressed until the compression policy runs)
DO $migrator_tsdb$
DECLARE
    s record;
BEGIN
    SELECT cs.segmentby, cs.orderby INTO s
      FROM timescaledb_information.hypertables h
      JOIN timescaledb_information.hypertable_compression_settings cs
        ON cs.hypertable = format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass
     WHERE cs.hypertable = {{ table | literal }}::regclass AND h.compression_enabled;
    IF FOUND THEN
        PERFORM decompress_chunk(c, true) FROM show_chunks({{ table | literal }}::regclass) c;
        EXECUTE format('ALTER TABLE %s SET (timescaledb.compress = false)', {{ table | literal }});
        PERFORM set_config('migrator.tsdb_recompress', json_build_object('segmentby', s.segmentby, 'orderby', s.orderby)::text, true);
    ELSE
        PERFORM set_config('migrator.tsdb_recompress', '', true);
    END IF;
END
$migrator_tsdb$;
{%- endif %}
{%- include "postgres/alter_column.sql" %}
{%- if wrap %}
DO $migrator_tsdb$
DECLARE
    cfg text := current_setting('migrator.tsdb_recompress', true);
    opts text := 'timescaledb.compress';
BEGIN
    IF coalesce(cfg, '') <> '' THEN
        IF cfg::json->>'segmentby' IS NOT NULL THEN
            opts := opts || format(', timescaledb.compress_segmentby = %L', cfg::json->>'segmentby');
        END IF;
        IF cfg::json->>'orderby' IS NOT NULL THEN
            opts := opts || format(', timescaledb.compress_orderby = %L', cfg::json->>'orderby');
        END IF;
        EXECUTE format('ALTER TABLE %s SET (%s)', {{ table | literal }}, opts);
    END IF;
END
$migrator_tsdb$;
{%- endif %}

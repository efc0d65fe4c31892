-- Renames in the files: the hypertable's dimensions, compression settings and policies
-- follow the table and its columns, as TimescaleDB's catalog does.
CREATE SCHEMA archive;
CREATE TABLE m (ts timestamptz NOT NULL, dev integer NOT NULL, v double precision);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
SELECT add_dimension('m', by_hash('dev', 2));
ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', timescaledb.compress_orderby = 'ts DESC');
SELECT add_compression_policy('m', INTERVAL '3 days');
SELECT add_retention_policy('m', INTERVAL '90 days');
ALTER TABLE m RENAME TO metrics;
ALTER TABLE metrics RENAME COLUMN ts TO "time";
ALTER TABLE metrics RENAME COLUMN dev TO device;

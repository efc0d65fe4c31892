-- A hypertable renamed by annotation keeps its chunks, compression and policies: the
-- migration is the rename alone (TimescaleDB follows the table by OID).
-- migrator:renamed-from m
CREATE TABLE metrics (ts timestamptz NOT NULL, dev integer NOT NULL, v double precision);
SELECT create_hypertable('metrics', by_range('ts', INTERVAL '1 day'));
SELECT add_dimension('metrics', by_hash('dev', 2));
ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev');
SELECT add_compression_policy('metrics', INTERVAL '3 days');
SELECT add_retention_policy('metrics', INTERVAL '90 days');

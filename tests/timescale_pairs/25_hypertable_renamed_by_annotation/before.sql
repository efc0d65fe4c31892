CREATE TABLE m (ts timestamptz NOT NULL, dev integer NOT NULL, v double precision);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
SELECT add_dimension('m', by_hash('dev', 2));
ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev');
SELECT add_compression_policy('m', INTERVAL '3 days');
SELECT add_retention_policy('m', INTERVAL '90 days');

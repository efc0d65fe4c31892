CREATE TABLE m (ts timestamptz NOT NULL, dev integer NOT NULL, v double precision);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', timescaledb.compress_orderby = 'ts DESC');

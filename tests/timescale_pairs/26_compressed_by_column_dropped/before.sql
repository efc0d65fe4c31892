CREATE TABLE m (ts timestamptz NOT NULL, dev integer, site integer, v integer);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', timescaledb.compress_orderby = 'site, ts DESC');

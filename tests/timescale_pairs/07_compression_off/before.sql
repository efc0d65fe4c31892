CREATE TABLE ticks (time timestamptz NOT NULL, symbol text NOT NULL, price double precision);
SELECT create_hypertable('ticks', by_range('time', INTERVAL '1 day'));
ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol');

CREATE TABLE ticks (time timestamptz NOT NULL, symbol text NOT NULL, exchange text, price double precision);
SELECT create_hypertable('ticks', by_range('time'));
ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol, exchange', timescaledb.compress_orderby = 'time ASC');

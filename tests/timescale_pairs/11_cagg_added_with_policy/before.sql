CREATE TABLE trades (time timestamptz NOT NULL, symbol text NOT NULL, price double precision, volume integer);
SELECT create_hypertable('trades', by_range('time'));

CREATE TABLE trades (time timestamptz NOT NULL, symbol text NOT NULL, price double precision, volume integer);
SELECT create_hypertable('trades', by_range('time'));
CREATE MATERIALIZED VIEW trades_daily WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket('1 day', time) AS day, symbol, first(price, time) AS open, max(price) AS high, min(price) AS low, last(price, time) AS close, sum(volume) AS volume
FROM trades
GROUP BY day, symbol;
CREATE INDEX trades_daily_symbol_day ON trades_daily (symbol, day);
SELECT add_continuous_aggregate_policy('trades_daily', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');

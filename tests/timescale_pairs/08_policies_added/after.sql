CREATE TABLE logs (time timestamptz NOT NULL, level text, message text);
SELECT create_hypertable('logs', by_range('time', INTERVAL '2 hours'));
ALTER TABLE logs SET (timescaledb.compress);
SELECT add_compression_policy('logs', compress_after => INTERVAL '1 day');
SELECT add_retention_policy('logs', INTERVAL '30 days', schedule_interval => INTERVAL '6 hours');

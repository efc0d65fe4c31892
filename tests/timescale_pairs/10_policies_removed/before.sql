CREATE TABLE logs (time timestamptz NOT NULL, level text, message text);
SELECT create_hypertable('logs', by_range('time', INTERVAL '1 day'));
ALTER TABLE logs SET (timescaledb.compress);
SELECT add_compression_policy('logs', INTERVAL '7 days');
SELECT add_retention_policy('logs', INTERVAL '30 days');

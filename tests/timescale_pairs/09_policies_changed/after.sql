CREATE TABLE logs (time timestamptz NOT NULL, level text, message text);
SELECT create_hypertable('logs', by_range('time', INTERVAL '1 day'));
ALTER TABLE logs SET (timescaledb.compress, timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('logs', INTERVAL '14 days', schedule_interval => INTERVAL '2 hours');
SELECT add_retention_policy('logs', INTERVAL '1 year');

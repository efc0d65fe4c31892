CREATE TABLE logs (time timestamptz NOT NULL, level text, message text);
SELECT create_hypertable('logs', by_range('time', INTERVAL '1 day'));
ALTER TABLE logs SET (timescaledb.compress);

-- TimescaleDB refuses to drop a column compression is set up by: the settings change
-- first (up), and the down adds the columns back before setting them again.
CREATE TABLE m (ts timestamptz NOT NULL, v integer);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_orderby = 'ts DESC');

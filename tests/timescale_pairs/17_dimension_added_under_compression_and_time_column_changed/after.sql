-- A compressed hypertable with policies gains a dimension (its down rebuilds the
-- hypertable and sets compression and policies again); another one moves to a new time
-- column (a rebuild both ways).
CREATE TABLE logs (time timestamptz NOT NULL, host text NOT NULL, level text, message text);
SELECT create_hypertable('logs', by_range('time', INTERVAL '1 day'));
SELECT add_dimension('logs', by_hash('host', 2));
ALTER TABLE logs SET (timescaledb.compress, timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('logs', INTERVAL '14 days', schedule_interval => INTERVAL '2 hours');
SELECT add_retention_policy('logs', INTERVAL '1 year');

CREATE TABLE readings (
    id bigint GENERATED ALWAYS AS IDENTITY,
    taken_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    value double precision,
    PRIMARY KEY (id, taken_at, recorded_at)
);
COMMENT ON TABLE readings IS 'sensor readings';
SELECT create_hypertable('readings', by_range('recorded_at', INTERVAL '7 days'));

CREATE TABLE metrics (time timestamptz NOT NULL, host text NOT NULL, cpu real);
SELECT create_hypertable('metrics', 'time', 'host', 2, chunk_time_interval => INTERVAL '1 day');
SELECT set_chunk_time_interval('metrics', INTERVAL '6 hours');

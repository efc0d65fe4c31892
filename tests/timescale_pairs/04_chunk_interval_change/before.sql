CREATE TABLE metrics (time timestamptz NOT NULL, host text NOT NULL, cpu real);
SELECT create_hypertable('metrics', 'time', 'host', 2, chunk_time_interval => 86400000000);

CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE devices (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE conditions (
    time timestamptz NOT NULL,
    device_id integer NOT NULL REFERENCES devices (id),
    temperature double precision,
    humidity double precision
);
SELECT create_hypertable('conditions', by_range('time', INTERVAL '1 day'));
CREATE INDEX conditions_device_time_idx ON conditions (device_id, time DESC);
ALTER TABLE conditions SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id', timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('conditions', INTERVAL '7 days');
SELECT add_retention_policy('conditions', INTERVAL '90 days');
CREATE MATERIALIZED VIEW conditions_hourly WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, device_id, avg(temperature) AS avg_temp, max(humidity)
FROM conditions
GROUP BY 1, 2
WITH NO DATA;
CREATE INDEX conditions_hourly_device_idx ON conditions_hourly (device_id, bucket);
SELECT add_continuous_aggregate_policy('conditions_hourly', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');

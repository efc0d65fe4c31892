CREATE TABLE pings (time timestamptz NOT NULL, host text NOT NULL, rtt_ms double precision);
SELECT create_hypertable('pings', by_range('time'));
CREATE MATERIALIZED VIEW pings_hourly WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, host, avg(rtt_ms) AS rtt, count(*) AS n FROM pings GROUP BY 1, 2 WITH NO DATA;
CREATE MATERIALIZED VIEW pings_daily WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 day', bucket) AS day, host, max(rtt) AS worst FROM pings_hourly GROUP BY 1, 2 WITH NO DATA;
SELECT add_continuous_aggregate_policy('pings_daily', INTERVAL '7 days', INTERVAL '1 day', INTERVAL '1 day');

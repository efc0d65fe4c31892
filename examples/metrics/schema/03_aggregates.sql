-- Hourly averages per host, refreshed every 30 minutes over the last three days.
CREATE MATERIALIZED VIEW cpu_hourly WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       host_id,
       avg(usage_user) AS avg_user,
       max(usage_user) AS max_user
FROM cpu_metrics
GROUP BY bucket, host_id
WITH NO DATA;

CREATE INDEX cpu_hourly_host_bucket_idx ON cpu_hourly (host_id, bucket);

SELECT add_continuous_aggregate_policy('cpu_hourly',
    start_offset => INTERVAL '3 days',
    end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '30 minutes');

-- A column replaced under both the compression settings and a continuous aggregate: the
-- aggregate goes before the old column and comes back after the new one.
CREATE TABLE metrics (
    id bigserial,
    old_col varchar(20) NOT NULL,
    recorded_at timestamptz NOT NULL,
    value numeric NOT NULL,
    PRIMARY KEY (old_col, recorded_at)
);
SELECT create_hypertable('metrics', by_range('recorded_at', INTERVAL '1 day'));
CREATE INDEX idx_metrics_old_col ON metrics (old_col, recorded_at);
ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'old_col', timescaledb.compress_orderby = 'recorded_at DESC');
CREATE MATERIALIZED VIEW metrics_hourly WITH (timescaledb.continuous) AS
SELECT old_col, time_bucket('1 hour', recorded_at) AS bucket, count(*) AS n
FROM metrics GROUP BY old_col, bucket
WITH NO DATA;

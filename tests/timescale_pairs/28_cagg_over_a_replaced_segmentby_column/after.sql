-- A column replaced under both the compression settings and a continuous aggregate: the
-- aggregate goes before the old column and comes back after the new one.
CREATE TABLE metrics (
    id bigserial,
    new_col varchar(20) NOT NULL,
    recorded_at timestamptz NOT NULL,
    value numeric NOT NULL,
    PRIMARY KEY (new_col, recorded_at)
);
SELECT create_hypertable('metrics', by_range('recorded_at', INTERVAL '1 day'));
CREATE INDEX idx_metrics_new_col ON metrics (new_col, recorded_at);
ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'new_col', timescaledb.compress_orderby = 'recorded_at DESC');
CREATE MATERIALIZED VIEW metrics_hourly WITH (timescaledb.continuous) AS
SELECT new_col, time_bucket('1 hour', recorded_at) AS bucket, count(*) AS n
FROM metrics GROUP BY new_col, bucket
WITH NO DATA;

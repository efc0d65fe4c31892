-- One-day chunks, and four hash partitions by host.
SELECT create_hypertable('cpu_metrics', by_range('time', INTERVAL '1 day'));
SELECT add_dimension('cpu_metrics', by_hash('host_id', 4));
CREATE INDEX cpu_metrics_host_time_idx ON cpu_metrics (host_id, time DESC);

-- Compress chunks older than a week, segmented by host; drop them after 90 days.
ALTER TABLE cpu_metrics SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'host_id',
    timescaledb.compress_orderby = 'time DESC'
);
SELECT add_compression_policy('cpu_metrics', INTERVAL '7 days');
SELECT add_retention_policy('cpu_metrics', INTERVAL '90 days');

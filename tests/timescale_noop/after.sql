-- The same schema as before.sql, spelled differently.
CREATE EXTENSION IF NOT EXISTS timescaledb;
SET search_path TO public;
CREATE TABLE m (
    "time" TIMESTAMP WITH TIME ZONE NOT NULL,
    dev int4 NOT NULL,
    v float8
);
SELECT create_hypertable('m', 'time', chunk_time_interval => 86400000000);
SELECT add_dimension('m', 'dev', number_partitions => 2);
ALTER TABLE m SET (timescaledb.compress = true, timescaledb.compress_segmentby = 'dev', timescaledb.compress_orderby = 'time desc nulls first');
SELECT add_compression_policy('m', INTERVAL '1 week');
SELECT add_retention_policy('m', INTERVAL '1 month');
CREATE MATERIALIZED VIEW m_hourly WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '60 minutes', m.time) AS bucket, dev, avg(v)
FROM m
GROUP BY 1, 2
WITH NO DATA;
SELECT add_continuous_aggregate_policy('m_hourly', INTERVAL '3 day', INTERVAL '1 hour', INTERVAL '1 hour');

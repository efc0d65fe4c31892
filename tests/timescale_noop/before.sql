CREATE TABLE public.m (time timestamptz NOT NULL, dev integer NOT NULL, v double precision);
SELECT create_hypertable('public.m', by_range('time', INTERVAL '1 day'));
SELECT add_dimension('public.m', by_hash('dev', 2));
ALTER TABLE public.m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', timescaledb.compress_orderby = '"time" DESC');
SELECT add_compression_policy('public.m', compress_after => INTERVAL '7 days', schedule_interval => INTERVAL '12:00:00');
SELECT add_retention_policy('public.m', drop_after => INTERVAL '1 mon', schedule_interval => INTERVAL '1 day');
CREATE MATERIALIZED VIEW public.m_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
SELECT time_bucket('01:00:00'::interval, "time") AS bucket, dev AS dev, avg(v) AS avg FROM public.m GROUP BY time_bucket('01:00:00'::interval, "time"), dev;
SELECT add_continuous_aggregate_policy('public.m_hourly', start_offset => INTERVAL '3 days', end_offset => INTERVAL '01:00:00', schedule_interval => INTERVAL '01:00:00');

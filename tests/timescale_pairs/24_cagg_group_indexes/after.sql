-- create_group_indexes = false cannot be altered: the cagg is created again. Without a
-- GROUP BY column besides the bucket the option makes no index either way.
CREATE TABLE m (ts timestamptz NOT NULL, dev integer, site integer, v double precision);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
CREATE MATERIALIZED VIEW m_by_dev WITH (timescaledb.continuous, timescaledb.create_group_indexes = false) AS
SELECT time_bucket('1 hour', ts) AS bucket, dev, site, avg(v) AS avg_v FROM m GROUP BY 1, 2, 3
WITH NO DATA;
CREATE MATERIALIZED VIEW m_hourly WITH (timescaledb.continuous, timescaledb.create_group_indexes = false) AS
SELECT time_bucket('1 hour', ts) AS bucket, count(*) AS n FROM m GROUP BY 1
WITH NO DATA;

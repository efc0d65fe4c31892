CREATE TABLE m (ts timestamptz NOT NULL, dev integer, site integer, v double precision);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
CREATE MATERIALIZED VIEW m_by_dev WITH (timescaledb.continuous) AS
SELECT time_bucket('1 hour', ts) AS bucket, dev, site, avg(v) AS avg_v FROM m GROUP BY 1, 2, 3
WITH NO DATA;

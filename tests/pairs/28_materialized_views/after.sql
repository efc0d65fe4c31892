CREATE TABLE sales (id integer PRIMARY KEY, region text NOT NULL, amount numeric NOT NULL);
CREATE MATERIALIZED VIEW sales_by_region AS SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region;
CREATE UNIQUE INDEX sales_by_region_region_idx ON sales_by_region (region);
CREATE MATERIALIZED VIEW empty_summary AS SELECT max(amount) AS biggest FROM sales WITH NO DATA;
COMMENT ON MATERIALIZED VIEW empty_summary IS 'filled by a nightly REFRESH';

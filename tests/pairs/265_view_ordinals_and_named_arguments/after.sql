CREATE TABLE sales (
    id integer PRIMARY KEY,
    region text NOT NULL,
    days integer,
    amount numeric(12,2)
);

-- GROUP BY / ORDER BY by position and by output name: the catalog prints the expressions.
CREATE VIEW sales_by_region AS
SELECT region, sum(amount) AS total, count(*) FROM sales GROUP BY 1 ORDER BY 2 DESC, region;

CREATE MATERIALIZED VIEW sales_periods AS
SELECT id, make_interval(days => days) AS period, upper(region) AS r
FROM sales
ORDER BY r, 1;

CREATE VIEW top_sales AS
(SELECT id, amount FROM sales ORDER BY 2 DESC LIMIT 3)
UNION ALL
(SELECT id, amount FROM sales ORDER BY 2 LIMIT 3);

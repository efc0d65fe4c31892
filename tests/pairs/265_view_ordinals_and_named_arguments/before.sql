CREATE TABLE sales (
    id integer PRIMARY KEY,
    region text NOT NULL,
    days integer,
    amount numeric(12,2)
);

CREATE VIEW sales_by_region AS
SELECT region, sum(amount) AS total FROM sales GROUP BY region;

CREATE TABLE orders (id integer PRIMARY KEY, total integer, placed date);

CREATE VIEW order_totals AS SELECT id, total FROM orders;
COMMENT ON COLUMN order_totals.total IS 'before tax';
COMMENT ON COLUMN order_totals.id IS 'cleared';

CREATE VIEW recent AS SELECT id, placed FROM orders WHERE placed > date '2024-01-01';
COMMENT ON COLUMN recent.placed IS 'kept through the recreate';

CREATE MATERIALIZED VIEW daily AS SELECT placed, count(*) AS n FROM orders GROUP BY placed;
COMMENT ON COLUMN daily.n IS 'orders that day';

CREATE TABLE customers (id integer PRIMARY KEY, name text);
CREATE VIEW names AS SELECT id, name FROM customers;
COMMENT ON COLUMN names.name IS 'as given';
COMMENT ON COLUMN names.id IS 'cleared in place';

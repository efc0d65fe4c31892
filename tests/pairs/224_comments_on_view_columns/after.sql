-- Comments on the columns of views and materialized views: set, changed and cleared in
-- place, given with a column a view grows, and carried by the views created or recreated.
CREATE TABLE orders (id integer PRIMARY KEY, total bigint, placed date);

CREATE VIEW order_totals AS SELECT id, total, placed FROM orders;
COMMENT ON COLUMN order_totals.total IS 'after tax';
COMMENT ON COLUMN order_totals.placed IS 'a new column, commented';

CREATE VIEW recent AS SELECT id, placed FROM orders WHERE placed > date '2024-01-01';
COMMENT ON COLUMN recent.placed IS 'kept through the recreate';
COMMENT ON COLUMN recent.id IS 'set while the view is recreated';

CREATE MATERIALIZED VIEW daily AS SELECT placed, count(*) AS n FROM orders GROUP BY placed;
COMMENT ON COLUMN daily.n IS 'orders placed that day';
COMMENT ON COLUMN daily.placed IS 'the day';


CREATE TABLE customers (id integer PRIMARY KEY, name text);
CREATE VIEW names AS SELECT id, name, id * 2 AS doubled FROM customers;
COMMENT ON COLUMN names.name IS 'as given, changed in place';
COMMENT ON COLUMN names.doubled IS 'grown in place with a comment';

CREATE VIEW early AS SELECT id FROM customers WHERE id < 100;
COMMENT ON COLUMN early.id IS 'on a new view';
CREATE OR REPLACE VIEW early AS SELECT id, name FROM customers WHERE id < 100;
COMMENT ON COLUMN early.name IS 'added by CREATE OR REPLACE';

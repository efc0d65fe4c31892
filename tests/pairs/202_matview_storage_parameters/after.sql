-- One parameter changed and one reset, a TOAST parameter added; parameters set with ALTER
-- MATERIALIZED VIEW where there were others; a new materialized view created with its own;
-- a column's statistics target changed and one set back to the default; column options
-- changed and added.
CREATE TABLE orders (
    id integer PRIMARY KEY,
    total numeric NOT NULL,
    note text
);

CREATE MATERIALIZED VIEW order_totals WITH (fillfactor = 70, toast.autovacuum_enabled = false) AS
SELECT id, total FROM orders;
ALTER MATERIALIZED VIEW order_totals ALTER COLUMN total SET STATISTICS 300;

CREATE MATERIALIZED VIEW order_notes AS
SELECT id, note FROM orders;
ALTER MATERIALIZED VIEW order_notes SET (autovacuum_vacuum_scale_factor = 0.2, autovacuum_analyze_threshold = 100);
ALTER MATERIALIZED VIEW order_notes RESET (autovacuum_vacuum_scale_factor);
ALTER MATERIALIZED VIEW order_notes ALTER COLUMN note SET (n_distinct = 200, n_distinct_inherited = -0.5);
ALTER MATERIALIZED VIEW order_notes ALTER COLUMN id SET (n_distinct = -1);

CREATE MATERIALIZED VIEW big_orders WITH (fillfactor = 50, autovacuum_enabled) AS
SELECT id, total FROM orders WHERE total > 100
WITH NO DATA;
ALTER MATERIALIZED VIEW big_orders ALTER COLUMN total SET STATISTICS 1000;

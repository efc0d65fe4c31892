-- Storage parameters, column statistics targets and column options of materialized views,
-- which the desired state changes in place.
CREATE TABLE orders (
    id integer PRIMARY KEY,
    total numeric NOT NULL,
    note text
);

CREATE MATERIALIZED VIEW order_totals WITH (fillfactor = 90, autovacuum_enabled = off) AS
SELECT id, total FROM orders;
ALTER MATERIALIZED VIEW order_totals ALTER COLUMN total SET STATISTICS 200;
ALTER MATERIALIZED VIEW order_totals ALTER COLUMN id SET STATISTICS 50;

CREATE MATERIALIZED VIEW order_notes AS
SELECT id, note FROM orders;
ALTER MATERIALIZED VIEW order_notes SET (autovacuum_vacuum_scale_factor = 0.2);
ALTER MATERIALIZED VIEW order_notes ALTER COLUMN note SET (n_distinct = 100);

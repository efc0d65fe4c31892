-- A statistics object's target changes in place, another's kinds and another's columns
-- change (dropped and created), one changes its comment, one is renamed in the files
-- (dropped and created under the new name) and one is dropped.
CREATE TABLE orders (id integer PRIMARY KEY, customer integer, region text, total numeric);

CREATE STATISTICS orders_cr ON customer, region FROM orders;
ALTER STATISTICS orders_cr SET STATISTICS 100;
CREATE STATISTICS orders_kinds (ndistinct) ON customer, region FROM orders;
CREATE STATISTICS orders_cols ON customer, total FROM orders;
CREATE STATISTICS orders_noted ON region, total FROM orders;
COMMENT ON STATISTICS orders_noted IS 'before';
CREATE STATISTICS orders_gone ON id, customer FROM orders;
CREATE STATISTICS orders_old_name ON id, region FROM orders;

-- Foreign tables: columns with options, defaults, NOT NULL and CHECKs, table options,
-- comments, a view reading one, and grants.
CREATE FOREIGN DATA WRAPPER remote;
CREATE SERVER warehouse FOREIGN DATA WRAPPER remote;

CREATE FOREIGN TABLE stock (
    sku bigint NOT NULL,
    label text OPTIONS (column_name 'label') DEFAULT 'unknown',
    shelf integer OPTIONS (column_name 'shelf_no'),
    CHECK (sku > 0)
) SERVER warehouse OPTIONS (table_name 'stock_v2', schema_name 'inventory');
COMMENT ON FOREIGN TABLE stock IS 'remote stock, v2';

CREATE VIEW stock_labels AS SELECT sku, label FROM stock;
GRANT SELECT ON stock TO PUBLIC;

CREATE FOREIGN TABLE orders_remote (id integer, placed date) SERVER warehouse;
ALTER FOREIGN TABLE orders_remote RENAME TO orders_far;
ALTER FOREIGN TABLE orders_far ADD COLUMN total numeric OPTIONS (column_name 'sum');
ALTER FOREIGN TABLE orders_far ALTER COLUMN total OPTIONS (SET column_name 'amount');
ALTER FOREIGN TABLE orders_far OPTIONS (ADD table_name 'orders');

-- Foreign tables: columns with options, defaults, NOT NULL and CHECKs, table options,
-- comments, a view reading one, and grants.
CREATE FOREIGN DATA WRAPPER remote;
CREATE SERVER warehouse FOREIGN DATA WRAPPER remote;

CREATE FOREIGN TABLE stock (
    sku integer NOT NULL,
    label text OPTIONS (column_name 'lbl') DEFAULT 'none',
    CHECK (sku > 0)
) SERVER warehouse OPTIONS (table_name 'stock_v1');
COMMENT ON FOREIGN TABLE stock IS 'remote stock';
COMMENT ON COLUMN stock.label IS 'display label';

CREATE VIEW stock_labels AS SELECT sku, label FROM stock;

CREATE FOREIGN TABLE legacy (id integer) SERVER warehouse;

-- A materialized view clustered on an index that changes, and a clustered table that is
-- dropped.
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text NOT NULL,
    price numeric
);

CREATE MATERIALIZED VIEW item_prices AS
SELECT id, sku, price FROM items;
CREATE INDEX item_prices_sku ON item_prices (sku);
ALTER MATERIALIZED VIEW item_prices CLUSTER ON item_prices_sku;

CREATE TABLE old_items (
    id integer PRIMARY KEY,
    sku text
);
CREATE INDEX old_items_sku ON old_items (sku);
ALTER TABLE old_items CLUSTER ON old_items_sku;

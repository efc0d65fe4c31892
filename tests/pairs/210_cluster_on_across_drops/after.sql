-- The clustering index is rebuilt (it gains a column) and the view stays clustered on it;
-- the clustered table is dropped, and the down file clusters it again.
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text NOT NULL,
    price numeric
);

CREATE MATERIALIZED VIEW item_prices AS
SELECT id, sku, price FROM items;
CREATE INDEX item_prices_sku ON item_prices (sku, price);
ALTER MATERIALIZED VIEW item_prices CLUSTER ON item_prices_sku;

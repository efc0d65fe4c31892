-- The key's columns change: it is dropped and added again, with its index's comment.
CREATE TABLE orders (
    id integer NOT NULL,
    region text NOT NULL,
    code text,
    CONSTRAINT orders_pkey PRIMARY KEY (id, region)
);
COMMENT ON INDEX orders_pkey IS 'orders by id';
-- A new key on a kept table, with its index's comment.
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);
COMMENT ON INDEX orders_code_key IS 'codes are unique';

-- A new table whose keys' indexes have comments.
CREATE TABLE shipments (
    id integer PRIMARY KEY,
    tracking text UNIQUE
);
COMMENT ON INDEX shipments_pkey IS 'shipments by id';
COMMENT ON INDEX shipments_tracking_key IS 'one shipment per tracking number';
COMMENT ON CONSTRAINT shipments_tracking_key ON shipments IS 'the key itself';

-- USING INDEX: PostgreSQL keeps the index's comment as the index becomes the key's.
CREATE TABLE items (
    id integer NOT NULL,
    sku text
);
CREATE UNIQUE INDEX items_sku_idx ON items (sku);
COMMENT ON INDEX items_sku_idx IS 'one row per sku';
ALTER TABLE items ADD CONSTRAINT items_sku_key UNIQUE USING INDEX items_sku_idx;

-- The key takes the index's name, and its comment changes afterwards.
CREATE TABLE products (
    id integer NOT NULL,
    name text
);
CREATE UNIQUE INDEX products_id_idx ON products (id);
COMMENT ON INDEX products_id_idx IS 'a unique index';
ALTER TABLE products ADD PRIMARY KEY USING INDEX products_id_idx;
COMMENT ON INDEX products_id_idx IS 'the primary key''s index';

-- Keys created, recreated and built from an index, with the comments of their indexes.
CREATE TABLE orders (
    id integer NOT NULL,
    region text NOT NULL,
    code text,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);
COMMENT ON INDEX orders_pkey IS 'orders by id';

CREATE TABLE items (
    id integer NOT NULL,
    sku text
);
CREATE UNIQUE INDEX items_sku_idx ON items (sku);
COMMENT ON INDEX items_sku_idx IS 'one row per sku';

CREATE TABLE products (
    id integer NOT NULL,
    name text
);
CREATE UNIQUE INDEX products_id_idx ON products (id);
COMMENT ON INDEX products_id_idx IS 'a unique index';

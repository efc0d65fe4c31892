CREATE TABLE customers (
    id          bigserial PRIMARY KEY,
    email       varchar(255) NOT NULL UNIQUE,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE customers IS 'People who buy things';

CREATE TABLE products (
    id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku       text NOT NULL,
    price     numeric(10,2) NOT NULL CHECK (price >= 0),
    tags      text[] NOT NULL DEFAULT '{}',
    CONSTRAINT products_sku_key UNIQUE (sku)
);

CREATE TABLE orders (
    id           bigserial PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    status       order_status NOT NULL DEFAULT 'pending',
    total        numeric(12,2) NOT NULL DEFAULT 0,
    placed_at    timestamptz
);

CREATE TABLE order_items (
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id  integer NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);

CREATE INDEX ON orders (customer_id, placed_at DESC);
CREATE INDEX orders_pending_idx ON orders (placed_at) WHERE status = 'pending';
CREATE UNIQUE INDEX customers_lower_email_idx ON customers (lower(email));

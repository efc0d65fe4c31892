CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA shop;
COMMENT ON SCHEMA shop IS 'the shop';
CREATE TYPE shop.status AS ENUM ('new', 'paid');
CREATE DOMAIN shop.price AS numeric(10,2) CHECK (VALUE >= 0);
CREATE TABLE shop.customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email citext NOT NULL UNIQUE, name text);
CREATE TABLE shop.orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers ON DELETE CASCADE,
    status shop.status NOT NULL DEFAULT 'new',
    total shop.price NOT NULL DEFAULT 0,
    total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) STORED,
    placed_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (id);
CREATE TABLE shop.orders_low PARTITION OF shop.orders FOR VALUES FROM (MINVALUE) TO (1000000);
CREATE TABLE shop.orders_high PARTITION OF shop.orders FOR VALUES FROM (1000000) TO (MAXVALUE);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id, placed_at DESC);
CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.placed_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders_low FOR EACH ROW EXECUTE FUNCTION shop.touch();
CREATE VIEW shop.paid AS SELECT o.id, c.email, o.total FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id WHERE o.status = 'paid';
ALTER TABLE shop.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON shop.customers USING (name = current_user);
COMMENT ON TABLE shop.orders IS 'orders, partitioned by id';
COMMENT ON COLUMN shop.customers.email IS 'case-insensitive';

-- A partition of a table that a foreign key references is detached before it is dropped
-- (PostgreSQL refuses DROP TABLE while the foreign key's constraint on it stands); the
-- down file drops the partition added here the same way.
CREATE TABLE orders (
    region text NOT NULL,
    id bigint NOT NULL,
    total numeric,
    PRIMARY KEY (region, id)
) PARTITION BY LIST (region);

CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_apac PARTITION OF orders FOR VALUES IN ('apac');

CREATE TABLE shipments (
    id bigint PRIMARY KEY,
    region text NOT NULL,
    order_id bigint NOT NULL,
    FOREIGN KEY (region, order_id) REFERENCES orders (region, id)
);

CREATE TABLE orders (
    region text NOT NULL,
    id bigint NOT NULL,
    total numeric,
    PRIMARY KEY (region, id)
) PARTITION BY LIST (region);

CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');

CREATE TABLE shipments (
    id bigint PRIMARY KEY,
    region text NOT NULL,
    order_id bigint NOT NULL,
    FOREIGN KEY (region, order_id) REFERENCES orders (region, id)
);

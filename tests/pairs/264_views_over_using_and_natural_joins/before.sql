CREATE TABLE customers (
    customer_id integer PRIMARY KEY,
    name text NOT NULL,
    region text
);

CREATE TABLE orders (
    order_id integer PRIMARY KEY,
    customer_id integer REFERENCES customers,
    total numeric(10,2)
);

CREATE VIEW customer_orders AS
SELECT c.customer_id, c.name, o.order_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id;

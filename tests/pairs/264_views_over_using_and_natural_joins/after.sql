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

CREATE TABLE regions (
    region text PRIMARY KEY,
    manager text
);

-- The catalog qualifies a USING column by the side it comes from (bare under a FULL
-- join), lists it once under *, and prints NATURAL as USING its common columns.
CREATE VIEW customer_orders AS
SELECT customer_id, name, order_id, total FROM customers JOIN orders USING (customer_id)
WHERE customer_id > 0;

CREATE VIEW orders_everywhere AS
SELECT * FROM customers LEFT JOIN orders USING (customer_id);

CREATE VIEW customer_regions AS
SELECT * FROM customers NATURAL JOIN regions;

CREATE VIEW all_customer_ids AS
SELECT customer_id, count(order_id) AS n
FROM customers FULL JOIN orders USING (customer_id)
GROUP BY customer_id;

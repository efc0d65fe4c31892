CREATE FUNCTION net(amount numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 0.8 $$;

CREATE TABLE orders (
    id integer PRIMARY KEY,
    amount numeric NOT NULL,
    status text
);
CREATE INDEX orders_net_idx ON orders (net(amount));
CREATE INDEX orders_big_idx ON orders (id) WHERE net(amount) > 100;
CREATE INDEX orders_status_idx ON orders (status);

CREATE VIEW order_nets AS SELECT id, net(amount) AS net FROM orders;
CREATE VIEW big_orders AS SELECT id FROM order_nets WHERE net > 100;
CREATE VIEW statuses AS SELECT DISTINCT status FROM orders;

CREATE MATERIALIZED VIEW totals AS SELECT sum(net(amount)) AS total FROM orders;
CREATE INDEX totals_total_idx ON totals (total);

-- Storage parameters on tables and indexes, which the desired state changes.
CREATE TABLE orders (
    id integer PRIMARY KEY,
    note text
) WITH (fillfactor = 90, autovacuum_enabled = off);

CREATE TABLE lines (
    id integer PRIMARY KEY,
    order_id integer
);
ALTER TABLE lines SET (autovacuum_vacuum_scale_factor = 0.2);

CREATE INDEX lines_order_idx ON lines (order_id) WITH (fillfactor = 80);

-- One parameter changed and one reset; a TOAST parameter; a parameter set where there was
-- none; an index's fillfactor changed; a new table created with parameters.
CREATE TABLE orders (
    id integer PRIMARY KEY,
    note text
) WITH (fillfactor = 70, toast.autovacuum_enabled = false);

CREATE TABLE lines (
    id integer PRIMARY KEY,
    order_id integer
);
ALTER TABLE lines SET (autovacuum_vacuum_scale_factor = 0.2, autovacuum_analyze_threshold = 100);
ALTER TABLE lines RESET (autovacuum_vacuum_scale_factor);

CREATE INDEX lines_order_idx ON lines (order_id) WITH (fillfactor = 60);

CREATE TABLE archive (
    id integer PRIMARY KEY,
    body text
) WITH (fillfactor = 50, autovacuum_enabled);

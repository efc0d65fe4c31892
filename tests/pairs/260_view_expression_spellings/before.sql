CREATE TABLE items (
    id integer PRIMARY KEY,
    name text,
    qty integer,
    data jsonb
);

CREATE VIEW item_names AS SELECT id, name FROM items;

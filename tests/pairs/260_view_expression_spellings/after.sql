CREATE TABLE items (
    id integer PRIMARY KEY,
    name text,
    qty integer,
    data jsonb
);

-- Spellings the catalog prints otherwise: IS NOT DISTINCT FROM, a JSON text made jsonb by
-- its operator, a number with an exponent, ORDER BY … ASC, a bare relation as its row.
CREATE VIEW item_names AS
SELECT id, name, to_jsonb(i) AS whole
FROM items i
WHERE qty IS NOT DISTINCT FROM 3
  AND data @> '{"kind":"a","tags":[1,2]}'
  AND id < 1e6
ORDER BY name ASC, id DESC;

CREATE MATERIALIZED VIEW item_flags AS
SELECT id, data -> 'kind' = '{"x":1}' AS odd, 2.5e-1 AS ratio
FROM items
WHERE name IS NOT DISTINCT FROM 'x';

-- FOR UPDATE without OF: the catalog names every relation it locks.
CREATE VIEW locked_items AS SELECT id FROM items WHERE qty > 0 FOR UPDATE;

-- gross_with_tax's result type changes (it is dropped and created): the generated column
-- calling it is dropped before and added after, with the index, the unique key, the CHECK
-- and the comment on it and the view reading its table; `net`, which calls nothing
-- recreated, stays.
CREATE FUNCTION gross_with_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
    AS $$ SELECT amount * 1.2 $$;

CREATE TABLE orders (
    id integer PRIMARY KEY,
    amount numeric(10, 2) NOT NULL,
    gross numeric GENERATED ALWAYS AS (gross_with_tax(amount)) STORED,
    net numeric GENERATED ALWAYS AS (amount - 1) STORED,
    CONSTRAINT orders_gross_positive CHECK (gross >= 0),
    CONSTRAINT orders_gross_id_key UNIQUE (gross, id)
);
COMMENT ON COLUMN orders.gross IS 'amount with tax';
CREATE INDEX orders_gross_idx ON orders (gross DESC);

CREATE VIEW big_orders AS SELECT id, gross FROM orders WHERE gross > 100;

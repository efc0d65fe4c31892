-- Comparisons the catalog stores in another shape than they are written: one-value IN and
-- NOT IN, pg_dump's `= ANY (ARRAY[…])`, ALL/ANY over arrays, row comparisons.
CREATE TABLE orders (
    id integer PRIMARY KEY,
    status text NOT NULL CHECK (status IN ('open')),
    kind varchar(10) CHECK (kind NOT IN ('void')),
    region varchar(10) CHECK (region IN ('eu', 'us')),
    country text CHECK (country = ANY (ARRAY['de'::text, 'fr'::text])),
    flag character(1) CHECK (flag = ANY (ARRAY['y'::bpchar, 'n'::bpchar])),
    qty integer CHECK (qty <> ALL (ARRAY[0, -1])),
    lo integer,
    hi integer,
    tags text[] CHECK ('x' <> ALL (tags)),
    CONSTRAINT lo_hi CHECK ((lo, hi) <> (0, 0)),
    CONSTRAINT lo_hi_order CHECK (ROW(lo, hi) < ROW(hi, 100)),
    CONSTRAINT lo_any CHECK (lo = ANY ('{1,2,3}'::integer[])),
    CONSTRAINT lo_in CHECK (lo IN (1, 2, 3) OR lo IS NULL),
    CONSTRAINT hi_not_in CHECK (hi NOT IN (7))
);
CREATE INDEX orders_open ON orders (id) WHERE status IN ('open');
CREATE INDEX orders_kind ON orders (id) WHERE kind::text = ANY (ARRAY['a', 'b']);

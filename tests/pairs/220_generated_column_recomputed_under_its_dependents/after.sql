-- The generation expressions change (PostgreSQL 15 drops and adds the column): every
-- dependent comes off before and back after, the indexes' comments too.
CREATE TABLE lines (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price numeric(10, 2) NOT NULL,
    total numeric GENERATED ALWAYS AS (qty * price * 1.2) STORED,
    CONSTRAINT lines_total_positive CHECK (total >= 0),
    CONSTRAINT lines_total_id_key UNIQUE (total, id)
);
COMMENT ON COLUMN lines.total IS 'quantity times price';
CREATE INDEX lines_total_idx ON lines (total DESC);
CREATE INDEX lines_big_idx ON lines (qty) WHERE total > 1000;
CREATE INDEX lines_qty_cover_idx ON lines (qty) INCLUDE (total);
COMMENT ON INDEX lines_total_idx IS 'largest first';

CREATE TABLE audits (
    total numeric,
    line_id integer,
    FOREIGN KEY (total, line_id) REFERENCES lines (total, id)
);

CREATE VIEW big_lines AS SELECT id, total FROM lines WHERE total > 100;

CREATE TABLE people (
    first text,
    last text,
    full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED,
    initials text GENERATED ALWAYS AS (left(first, 1) || left(last, 1)) STORED
);
CREATE INDEX people_full_name_idx ON people (full_name);
CREATE INDEX people_initials_idx ON people (initials);

-- A generated column becomes a plain one: `DROP EXPRESSION` keeps its values in the up.
-- The down (a plain column made generated again) drops and adds the column, so the index,
-- the CHECK and the view over it go and come back around it.
CREATE TABLE lines (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price numeric(10,2) NOT NULL,
    total numeric(12,2) GENERATED ALWAYS AS (qty * price) STORED,
    CONSTRAINT lines_total_positive CHECK (total >= 0)
);
CREATE INDEX lines_total_idx ON lines (total);
CREATE VIEW line_totals AS SELECT id, total FROM lines;
COMMENT ON COLUMN lines.total IS 'quantity times price';

-- A generated column made plain and retyped, with a default: DROP EXPRESSION, then the
-- rest in place. Another whose expression changes: dropped and added, as before.
CREATE TABLE boxes (
    id integer PRIMARY KEY,
    w integer,
    h integer,
    perimeter integer GENERATED ALWAYS AS (2 * (w + h)) STORED,
    area integer GENERATED ALWAYS AS (w * h) STORED
);

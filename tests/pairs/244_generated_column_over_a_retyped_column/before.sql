-- A stored generated column whose input columns are retyped: PostgreSQL refuses the
-- retype while the generated column stands, so it goes and comes back with what is on it.
CREATE TABLE order_lines (
    id int PRIMARY KEY,
    price int NOT NULL,
    qty int NOT NULL,
    total int GENERATED ALWAYS AS (price * qty) STORED,
    label varchar(10),
    shout text GENERATED ALWAYS AS (upper(label)) STORED
);
CREATE INDEX order_lines_total_idx ON order_lines (total);
CREATE VIEW line_totals AS SELECT id, total FROM order_lines;
COMMENT ON COLUMN order_lines.total IS 'price times quantity';

-- A generated column added in the same migration as a change of the columns it reads:
-- PostgreSQL refuses to retype a column a generated column reads, so the column is added
-- after the retype (and, in the down file, dropped before the retype back).
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total numeric(10, 2),
    quantity integer
);

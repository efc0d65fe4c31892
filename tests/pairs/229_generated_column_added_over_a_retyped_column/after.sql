CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total numeric(12, 2) NOT NULL DEFAULT 0,
    quantity bigint,
    tax numeric GENERATED ALWAYS AS (total * 0.2) STORED,
    per_item numeric GENERATED ALWAYS AS (total / nullif(quantity, 0)) STORED
);

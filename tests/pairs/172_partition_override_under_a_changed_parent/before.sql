CREATE TABLE items (
    id bigint NOT NULL,
    kind text NOT NULL,
    price numeric DEFAULT 1,
    label text,
    extra text
) PARTITION BY LIST (kind);
CREATE TABLE items_a PARTITION OF items (price DEFAULT 2, label DEFAULT 'a') FOR VALUES IN ('a');
CREATE TABLE items_b PARTITION OF items (extra DEFAULT 'b') FOR VALUES IN ('b');

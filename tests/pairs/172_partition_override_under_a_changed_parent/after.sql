-- The parent's default changes (PostgreSQL passes it down, over the partitions' own) while
-- a partition keeps its override; the parent drops a column a partition overrides and
-- gains one a partition overrides at once.
CREATE TABLE items (
    id bigint NOT NULL,
    kind text NOT NULL,
    price numeric DEFAULT 10,
    label text NOT NULL DEFAULT 'x',
    added integer DEFAULT 0
) PARTITION BY LIST (kind);
CREATE TABLE items_a PARTITION OF items (price DEFAULT 2, label DEFAULT 'a') FOR VALUES IN ('a');
CREATE TABLE items_b PARTITION OF items (added DEFAULT 5) FOR VALUES IN ('b');

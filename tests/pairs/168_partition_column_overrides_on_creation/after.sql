-- A partition's column list holds options for the parent's columns: its own DEFAULT and
-- NOT NULL (an override), next to a partition that keeps the parent's.
CREATE TABLE unrelated (id integer PRIMARY KEY);

CREATE TABLE orders (
    id bigint NOT NULL,
    region text NOT NULL,
    status text DEFAULT 'new',
    qty integer,
    note text
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders (
    qty NOT NULL DEFAULT 0,
    status WITH OPTIONS DEFAULT 'open',
    note DEFAULT 'eu'
) FOR VALUES IN ('eu');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
-- A sub-partitioned partition: its overrides reach its own partitions.
CREATE TABLE orders_asia PARTITION OF orders (qty DEFAULT 1) FOR VALUES IN ('asia')
    PARTITION BY RANGE (id);
CREATE TABLE orders_asia_1 PARTITION OF orders_asia (note NOT NULL)
    FOR VALUES FROM (0) TO (1000);

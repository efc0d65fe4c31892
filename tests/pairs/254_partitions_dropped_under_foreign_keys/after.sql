-- A foreign key to a partitioned table holds each partition (PostgreSQL ties it to the
-- partitions' shares of the key): the table holding the key goes before a partition of
-- the referenced table does, and the down file drops them in that order too.
CREATE TABLE orders (id int NOT NULL, region text NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE lines (order_id int, region text, FOREIGN KEY (order_id, region) REFERENCES orders ON DELETE CASCADE);

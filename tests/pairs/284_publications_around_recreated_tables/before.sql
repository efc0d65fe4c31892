CREATE TABLE measurements (id int, taken date, value int) PARTITION BY RANGE (taken);
CREATE TABLE readings (id int PRIMARY KEY, level int, note text);
CREATE PUBLICATION feed FOR TABLE measurements WHERE (value > 0), TABLE readings (id, level) WHERE (level > 3)
    WITH (publish_via_partition_root = true);

CREATE TABLE measurements (id int, taken date, value int) PARTITION BY RANGE (taken);
CREATE TABLE readings (id int PRIMARY KEY, level int, note text);
CREATE PUBLICATION feed FOR TABLE measurements WHERE (value > 0), TABLE readings (id, level) WHERE (level > 3)
    WITH (publish_via_partition_root = true);

CREATE TABLE clients (id int PRIMARY KEY, name text, level int, score int);
CREATE TABLE parts (id int, region text) PARTITION BY LIST (region);
CREATE TABLE parts_eu PARTITION OF parts FOR VALUES IN ('eu');
CREATE PUBLICATION renamed_feed FOR TABLE clients (id, level) WHERE (level > 1), TABLE parts_eu (id, region) WHERE (region = 'eu');
CREATE PUBLICATION followed FOR TABLE clients (score, id);

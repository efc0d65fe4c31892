CREATE TABLE measurements (id int, taken date, value int) PARTITION BY RANGE (id);
CREATE TABLE readings (id int PRIMARY KEY, level bigint, note text);
CREATE PUBLICATION feed FOR TABLE measurements WHERE (value > 0), TABLE readings (id, level) WHERE (level > 3)
    WITH (publish_via_partition_root = true);

-- migrator:renamed-from clients
CREATE TABLE customers (
    id int PRIMARY KEY,
    name text,
    tier int, -- migrator:renamed-from level
    points int -- migrator:renamed-from score
);
CREATE TABLE parts (id int, region text) PARTITION BY LIST (region);
CREATE TABLE parts_eu PARTITION OF parts FOR VALUES IN ('eu');
CREATE TABLE parts_us PARTITION OF parts FOR VALUES IN ('us');
CREATE PUBLICATION renamed_feed FOR TABLE customers (id, tier) WHERE (tier > 1), TABLE parts_eu (region, id) WHERE (region = 'eu'), TABLE parts_us;
-- PostgreSQL carries this one through the renames: nothing to do.
CREATE PUBLICATION followed FOR TABLE customers (id, points);

-- Replica identity on the parent and on each partition on its own (PostgreSQL does not
-- pass it down): FULL on the parent, the key's partition index on one partition, back
-- to DEFAULT on another, and a new partition created with one.
CREATE TABLE feeds (id bigint NOT NULL, src text NOT NULL, body text, PRIMARY KEY (id, src))
    PARTITION BY LIST (src);
ALTER TABLE feeds REPLICA IDENTITY FULL;
CREATE TABLE feeds_rss PARTITION OF feeds FOR VALUES IN ('rss');
ALTER TABLE feeds_rss REPLICA IDENTITY NOTHING;
CREATE TABLE feeds_atom PARTITION OF feeds FOR VALUES IN ('atom');
CREATE TABLE feeds_json PARTITION OF feeds FOR VALUES IN ('json');
CREATE UNIQUE INDEX feeds_json_id ON feeds_json (id);
ALTER TABLE feeds_json REPLICA IDENTITY USING INDEX feeds_json_id;

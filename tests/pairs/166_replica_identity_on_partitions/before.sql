CREATE TABLE feeds (id bigint NOT NULL, src text NOT NULL, body text, PRIMARY KEY (id, src))
    PARTITION BY LIST (src);
CREATE TABLE feeds_rss PARTITION OF feeds FOR VALUES IN ('rss');
CREATE TABLE feeds_atom PARTITION OF feeds FOR VALUES IN ('atom');
ALTER TABLE feeds_atom REPLICA IDENTITY FULL;

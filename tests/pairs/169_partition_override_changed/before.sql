CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL,
    level integer DEFAULT 1,
    source text
) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events (level DEFAULT 5, source NOT NULL) FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
CREATE TABLE events_c PARTITION OF events (level DEFAULT 7) FOR VALUES IN ('c');

-- A partition's overrides change later: another default, NOT NULL set and dropped, one
-- set by ALTER TABLE on the partition.
CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL,
    level integer DEFAULT 1,
    source text
) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events (level DEFAULT 9) FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events (source NOT NULL) FOR VALUES IN ('b');
CREATE TABLE events_c PARTITION OF events FOR VALUES IN ('c');
ALTER TABLE events_c ALTER COLUMN level SET DEFAULT 8;
ALTER TABLE events_c ALTER COLUMN source SET DEFAULT 'c';

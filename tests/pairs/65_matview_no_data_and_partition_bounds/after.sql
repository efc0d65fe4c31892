-- List bounds change (DETACH + ATTACH), a partition moves to DEFAULT and back.
CREATE TABLE events (id bigint NOT NULL, kind text NOT NULL, at date NOT NULL) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a', 'b');
CREATE TABLE events_bc PARTITION OF events FOR VALUES IN ('c');
CREATE TABLE events_other PARTITION OF events DEFAULT;

-- Range bounds with MINVALUE/MAXVALUE move.
CREATE TABLE metrics (id bigint NOT NULL, v integer) PARTITION BY RANGE (id);
CREATE TABLE metrics_low PARTITION OF metrics FOR VALUES FROM (MINVALUE) TO (500);
CREATE TABLE metrics_high PARTITION OF metrics FOR VALUES FROM (500) TO (MAXVALUE);

-- A matview WITH NO DATA whose query changes: recreated (unpopulated) with its index.
CREATE MATERIALIZED VIEW event_counts AS SELECT kind, count(*) AS n, max(at) AS last_at FROM events GROUP BY kind WITH NO DATA;
CREATE UNIQUE INDEX event_counts_kind ON event_counts (kind);

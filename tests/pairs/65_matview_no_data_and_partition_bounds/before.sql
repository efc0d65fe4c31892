CREATE TABLE events (id bigint NOT NULL, kind text NOT NULL, at date NOT NULL) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
CREATE TABLE events_bc PARTITION OF events FOR VALUES IN ('b', 'c');
CREATE TABLE events_other PARTITION OF events DEFAULT;

CREATE TABLE metrics (id bigint NOT NULL, v integer) PARTITION BY RANGE (id);
CREATE TABLE metrics_low PARTITION OF metrics FOR VALUES FROM (MINVALUE) TO (1000);
CREATE TABLE metrics_high PARTITION OF metrics FOR VALUES FROM (1000) TO (MAXVALUE);

CREATE MATERIALIZED VIEW event_counts AS SELECT kind, count(*) AS n FROM events GROUP BY kind WITH NO DATA;
CREATE UNIQUE INDEX event_counts_kind ON event_counts (kind);

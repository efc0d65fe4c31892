CREATE TABLE events (id bigint NOT NULL, happened date NOT NULL, kind text, PRIMARY KEY (id, happened)) PARTITION BY RANGE (happened);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE INDEX events_kind_idx ON events (kind);
CREATE TABLE old_list (code text NOT NULL) PARTITION BY LIST (code);
CREATE TABLE old_list_a PARTITION OF old_list FOR VALUES IN ('a');

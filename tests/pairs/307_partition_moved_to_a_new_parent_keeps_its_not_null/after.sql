-- A partition moved to another parent (detached, attached) keeps the NOT NULL its own key
-- gave its columns, and a default of its own: a replay of the migration reads them so too.
CREATE TABLE events_v2 (id integer, kind text, note text) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events_v2 (PRIMARY KEY (kind, id), note DEFAULT 'none') FOR VALUES IN ('a');

-- A column used by statistics objects is dropped: they are dropped before it (PostgreSQL
-- would take them with it) and the down creates them again after the column is back. A
-- retyped column keeps its statistics object (PostgreSQL rebuilds it), and a new object
-- uses the retyped column.
CREATE TABLE events (id integer, kind bigint, detail text);

CREATE STATISTICS events_id_kind ON id, (kind + 1) FROM events;
CREATE STATISTICS events_kind_detail ON kind, detail FROM events;

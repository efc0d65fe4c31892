-- A column used by statistics objects is dropped: they are dropped before it (PostgreSQL
-- would take them with it) and the down creates them again after the column is back. A
-- retyped column keeps its statistics object (PostgreSQL rebuilds it), and a new object
-- uses the retyped column.
CREATE TABLE events (id integer, kind integer, source integer, detail text);

CREATE STATISTICS events_kind_source ON kind, source FROM events;
CREATE STATISTICS events_source_detail (ndistinct) ON source, (length(detail)) FROM events;
COMMENT ON STATISTICS events_source_detail IS 'goes with source';
CREATE STATISTICS events_id_kind ON id, (kind + 1) FROM events;

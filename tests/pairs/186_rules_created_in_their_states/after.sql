-- Rules created disabled, replica-only and always, and a commented one created
-- disabled; a view's rule stays enabled (ALTER TABLE cannot switch it).
CREATE TABLE events (id integer PRIMARY KEY, kind text);
CREATE TABLE events_archive (id integer, kind text);

CREATE RULE archive_insert AS ON INSERT TO events DO ALSO
    INSERT INTO events_archive VALUES (new.id, new.kind);
CREATE RULE keep_events AS ON DELETE TO events DO INSTEAD NOTHING;
CREATE RULE no_updates AS ON UPDATE TO events DO INSTEAD NOTHING;
CREATE RULE keep_archive AS ON DELETE TO events_archive DO INSTEAD NOTHING;
COMMENT ON RULE keep_archive ON events_archive IS 'archive rows are never deleted';

ALTER TABLE events DISABLE RULE archive_insert;
ALTER TABLE events ENABLE REPLICA RULE keep_events;
ALTER TABLE events ENABLE ALWAYS RULE no_updates;
ALTER TABLE events_archive DISABLE RULE keep_archive;

CREATE VIEW recent_events AS SELECT id, kind FROM events WHERE id > 100;
CREATE RULE recent_insert AS ON INSERT TO recent_events DO INSTEAD
    INSERT INTO events VALUES (new.id, new.kind);

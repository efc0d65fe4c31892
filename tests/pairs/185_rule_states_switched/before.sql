-- Rules switched on and off with ALTER TABLE … ENABLE/DISABLE RULE.
CREATE TABLE orders (id integer PRIMARY KEY, status text NOT NULL);
CREATE TABLE orders_log (id integer, status text);

CREATE RULE log_insert AS ON INSERT TO orders DO ALSO
    INSERT INTO orders_log VALUES (new.id, new.status);
CREATE RULE log_update AS ON UPDATE TO orders DO ALSO
    INSERT INTO orders_log VALUES (new.id, new.status);
CREATE RULE keep_rows AS ON DELETE TO orders DO INSTEAD NOTHING;
CREATE RULE keep_log AS ON DELETE TO orders_log DO INSTEAD NOTHING;
CREATE RULE changed_and_switched AS ON UPDATE TO orders_log DO INSTEAD NOTHING;

ALTER TABLE orders_log DISABLE RULE keep_log;
ALTER TABLE orders ENABLE REPLICA RULE keep_rows;

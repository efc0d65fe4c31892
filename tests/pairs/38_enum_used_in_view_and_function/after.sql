CREATE TYPE state AS ENUM ('open', 'pending', 'closed');
CREATE TABLE tickets (id integer PRIMARY KEY, st state NOT NULL DEFAULT 'open');
CREATE VIEW open_tickets AS SELECT id FROM tickets WHERE st = 'open';
CREATE FUNCTION close_all() RETURNS void LANGUAGE sql AS $$ UPDATE tickets SET st = 'closed' $$;

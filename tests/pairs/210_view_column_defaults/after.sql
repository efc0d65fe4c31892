-- A default changed, one dropped and one added in place; a view that grows a column in
-- place (CREATE OR REPLACE keeps its defaults) with a default on the new column; a view
-- recreated (its query changes) states its defaults again; a new view with defaults,
-- written as pg_dump writes them (ALTER TABLE ONLY).
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    status text NOT NULL,
    priority integer NOT NULL,
    opened timestamptz NOT NULL
);

CREATE VIEW open_tickets AS
SELECT id, status, priority, opened FROM tickets WHERE status = 'open';
ALTER VIEW open_tickets ALTER COLUMN status SET DEFAULT 'open';
ALTER VIEW open_tickets ALTER COLUMN priority SET DEFAULT 5;
ALTER VIEW open_tickets ALTER COLUMN opened SET DEFAULT now();
ALTER VIEW open_tickets ALTER COLUMN status DROP DEFAULT;

CREATE VIEW urgent_tickets AS
SELECT id, priority, opened FROM tickets WHERE priority > 8;
ALTER VIEW urgent_tickets ALTER COLUMN priority SET DEFAULT 9;
ALTER VIEW urgent_tickets ALTER COLUMN opened SET DEFAULT now();

CREATE VIEW new_tickets AS
SELECT id, status FROM tickets WHERE status = 'new';
ALTER TABLE ONLY public.new_tickets ALTER COLUMN status SET DEFAULT 'new'::text;

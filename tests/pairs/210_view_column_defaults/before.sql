-- Column defaults of views (used by inserts through an updatable view), which the desired
-- state changes.
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    status text NOT NULL,
    priority integer NOT NULL,
    opened timestamptz NOT NULL
);

CREATE VIEW open_tickets AS
SELECT id, status, priority, opened FROM tickets WHERE status = 'open';
ALTER VIEW open_tickets ALTER COLUMN status SET DEFAULT 'open';
ALTER VIEW open_tickets ALTER COLUMN priority SET DEFAULT 3;

CREATE VIEW urgent_tickets AS
SELECT id, priority FROM tickets WHERE priority > 8;
ALTER VIEW urgent_tickets ALTER COLUMN priority SET DEFAULT 9;

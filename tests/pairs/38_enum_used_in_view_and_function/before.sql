CREATE TYPE state AS ENUM ('open', 'closed');
CREATE TABLE tickets (id integer PRIMARY KEY, st state NOT NULL DEFAULT 'open');

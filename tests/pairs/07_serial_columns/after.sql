CREATE TABLE keep (id integer PRIMARY KEY, seq bigserial, small smallserial);
CREATE TABLE events (id bigserial PRIMARY KEY, kind text NOT NULL);

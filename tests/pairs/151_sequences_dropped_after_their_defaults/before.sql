-- A free-standing sequence used by a default that goes away with it.
CREATE SEQUENCE ticket_no;
CREATE TABLE tickets (id integer PRIMARY KEY, no bigint NOT NULL DEFAULT nextval('ticket_no'));

-- A serial column whose type changes (its sequence is replaced by bigserial's).
CREATE TABLE events (id serial PRIMARY KEY, what text);

-- A serial column that stops being serial.
CREATE TABLE notes (id serial PRIMARY KEY, body text);

-- A default moving from one sequence to another.
CREATE SEQUENCE order_no_old;
CREATE TABLE orders (id integer PRIMARY KEY, no bigint DEFAULT nextval('order_no_old'));

-- Serial columns that go away with their table, or alone.
CREATE TABLE gone (id serial PRIMARY KEY);
CREATE TABLE shrinking (id integer PRIMARY KEY, seq bigserial);

-- A sequence shared by two defaults, one of which moves to its own sequence.
CREATE SEQUENCE shared_no;
CREATE TABLE a (no integer DEFAULT nextval('shared_no'::regclass));
CREATE TABLE b (no integer DEFAULT nextval('shared_no'::regclass));

-- A serial's sequence used by another table's default, both going with the table.
CREATE TABLE counters (id serial PRIMARY KEY);
CREATE TABLE tallies (n integer DEFAULT nextval('counters_id_seq'));

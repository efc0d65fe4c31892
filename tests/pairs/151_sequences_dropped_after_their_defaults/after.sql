-- A free-standing sequence used by a default that goes away with it.
CREATE TABLE tickets (id integer PRIMARY KEY, no bigint NOT NULL);

-- A serial column whose type changes (its sequence is replaced by bigserial's).
CREATE TABLE events (id bigserial PRIMARY KEY, what text);

-- A serial column that stops being serial.
CREATE TABLE notes (id integer PRIMARY KEY, body text);

-- A default moving from one sequence to another.
CREATE SEQUENCE order_no_new;
CREATE TABLE orders (id integer PRIMARY KEY, no bigint DEFAULT nextval('order_no_new'));

-- Serial columns that go away with their table, or alone.
CREATE TABLE shrinking (id integer PRIMARY KEY);

-- A sequence shared by two defaults, one of which moves to its own sequence.
CREATE SEQUENCE a_no;
CREATE TABLE a (no integer DEFAULT nextval('a_no'::regclass));
CREATE TABLE b (no integer);

-- A serial's sequence used by another table's default, both going with the table.
CREATE TABLE tallies (n integer);

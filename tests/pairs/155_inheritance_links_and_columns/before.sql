-- A table that gains a parent while the parent gains a column: the link comes first, and
-- the column reaches the child through it (the child declares the parent's other columns,
-- as PostgreSQL requires of a table that gains a parent).
CREATE TABLE items (id integer NOT NULL, name text);
CREATE TABLE books (id integer NOT NULL, name text, isbn text);

-- The same with a column the child declares itself as well.
CREATE TABLE tools (id integer NOT NULL);
CREATE TABLE hammers (id integer NOT NULL, weight integer);

-- A table that loses its parent while the parent loses a column.
CREATE TABLE vehicles (id integer NOT NULL, wheels integer, colour text);
CREATE TABLE bikes (id integer NOT NULL, wheels integer, colour text, gears integer) INHERITS (vehicles);

-- A parent gaining a column its existing child declares too.
CREATE TABLE events (id integer NOT NULL);
CREATE TABLE clicks (x integer) INHERITS (events);

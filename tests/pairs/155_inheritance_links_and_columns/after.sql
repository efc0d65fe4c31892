-- A table that gains a parent while the parent gains a column: the link comes first, and
-- the column reaches the child through it (the child declares the parent's other columns,
-- as PostgreSQL requires of a table that gains a parent).
CREATE TABLE items (id integer NOT NULL, name text, price numeric);
CREATE TABLE books (id integer NOT NULL, name text, isbn text) INHERITS (items);

-- The same with a column the child declares itself as well.
CREATE TABLE tools (id integer NOT NULL, weight integer, maker text);
CREATE TABLE hammers (id integer NOT NULL, weight integer, maker text) INHERITS (tools);

-- A table that loses its parent while the parent loses a column.
CREATE TABLE vehicles (id integer NOT NULL, wheels integer);
CREATE TABLE bikes (id integer NOT NULL, wheels integer, colour text, gears integer);

-- A parent gaining a column its existing child declares too.
CREATE TABLE events (id integer NOT NULL, at timestamptz);
CREATE TABLE clicks (x integer, at timestamptz) INHERITS (events);

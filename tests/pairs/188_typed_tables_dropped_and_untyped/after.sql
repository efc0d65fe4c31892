-- people is no longer typed (NOT OF) and gains a column of its own; guests is typed by
-- another type with the same attributes (NOT OF, then OF); pets goes with its type.
CREATE TYPE person AS (id integer, name text);
CREATE TABLE people (id integer PRIMARY KEY, name text, note text);

CREATE TYPE member AS (id integer, name text);
CREATE TABLE guests OF member (name WITH OPTIONS DEFAULT 'anonymous');

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL);

CREATE VIEW people_moods AS SELECT * FROM people;

-- An unnamed output that casts a constant is named after the type (`mood`, `numeric`),
-- as the catalog prints it (`'ok'::mood AS mood`): the view converges.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL);

CREATE VIEW people_moods AS SELECT *, 'ok'::mood, 1.5::numeric FROM people;

CREATE TYPE color AS ENUM ('red', 'blue');
CREATE TABLE paint (id integer PRIMARY KEY, c color NOT NULL DEFAULT 'red');

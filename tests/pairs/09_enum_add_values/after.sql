CREATE TYPE color AS ENUM ('infrared', 'red', 'green', 'blue', 'ultraviolet');
CREATE TABLE paint (id integer PRIMARY KEY, c color NOT NULL DEFAULT 'red');

CREATE TYPE mood AS ENUM ('happy', 'sad', 'angry');

CREATE TABLE people (
    id integer PRIMARY KEY,
    feeling mood NOT NULL DEFAULT 'sad'
);

INSERT INTO people VALUES (1, 'happy'), (2, 'sad'), (3, 'sad'), (4, 'angry');

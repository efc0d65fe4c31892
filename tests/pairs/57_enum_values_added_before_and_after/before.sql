CREATE TYPE status AS ENUM ('new', 'done');
CREATE TYPE size AS ENUM ('s', 'l');

CREATE TABLE tasks (
    id integer PRIMARY KEY,
    status status NOT NULL DEFAULT 'new',
    size size
);
INSERT INTO tasks VALUES (1, 'new', 's'), (2, 'done', 'l');

-- Two values renamed in place (rows keep them) and one added between them.
CREATE TYPE mood AS ENUM (
    'happy',
    'content', -- migrator:renamed-from 'sad'
    'calm',
    -- migrator:renamed-from angry
    'Furious'
);

CREATE TABLE people (
    id integer PRIMARY KEY,
    feeling mood NOT NULL DEFAULT 'content'
);

INSERT INTO people VALUES (1, 'happy'), (2, 'content'), (3, 'content'), (4, 'Furious');

-- jsonb's input parses a constant and its output prints the value: keys shortest first,
-- duplicates dropped, `": "` and `", "` between the parts. A constant written otherwise
-- (as a bare default of a jsonb column, or cast to jsonb) compares as the catalog prints
-- it; a json constant keeps its text.
CREATE TABLE docs (
    id integer PRIMARY KEY,
    body jsonb DEFAULT '{"version":2,"tags":[],"a":{"z":true,"y":null}}' NOT NULL,
    meta jsonb DEFAULT '{"k":1,"k":2}'::jsonb,
    raw json DEFAULT '{"b":1,"a":2}',
    CONSTRAINT docs_body_shape CHECK (body @> '{"version":2}'::jsonb)
);
CREATE INDEX docs_tagged_idx ON docs (id) WHERE meta @> '{"tagged" : true}'::jsonb;

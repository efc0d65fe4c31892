CREATE TABLE parents (id integer PRIMARY KEY, code text NOT NULL, region integer NOT NULL, UNIQUE (code, region));
CREATE TABLE children (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES parents (id),
    code text,
    region integer
);

CREATE TABLE shipments (
    id integer PRIMARY KEY,
    state varchar(20) NOT NULL CHECK (state IN ('new', 'sent', 'lost')),
    weight numeric CHECK (weight BETWEEN 0.1 AND 1000),
    code text CONSTRAINT code_shape CHECK (code LIKE 'S-%' AND length(code) < 12),
    CHECK (id > 0 AND weight IS NOT NULL) NO INHERIT
);

CREATE TABLE shipments (
    id integer PRIMARY KEY,
    state varchar(20) NOT NULL CHECK (state IN ('new', 'sent')),
    weight numeric CHECK (weight > 0),
    code text
);

CREATE TABLE documents (
    id integer PRIMARY KEY,
    title text NOT NULL,
    body text,
    search tsvector
);

CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance numeric NOT NULL DEFAULT 0
);

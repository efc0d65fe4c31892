CREATE DOMAIN bytea20 AS bytea CONSTRAINT bytea20_len CHECK (length(VALUE) = 20);
CREATE TABLE blobs (
    id bytea20 NOT NULL,
    body text,
    note text,
    payload bytea,
    amount numeric(12, 2),
    code varchar(40),
    extra text
);
-- As icingadb writes it: a domain over bytea kept inline.
ALTER TABLE blobs ALTER COLUMN id SET STORAGE PLAIN;
ALTER TABLE blobs ALTER COLUMN body SET STORAGE MAIN;
-- note goes back to its type's default (EXTENDED); payload keeps MAIN.
ALTER TABLE blobs ALTER COLUMN payload SET STORAGE MAIN;
-- Retyped and given a mode in the same change.
ALTER TABLE blobs ALTER COLUMN code SET STORAGE EXTERNAL;
ALTER TABLE blobs ALTER COLUMN extra SET STORAGE EXTERNAL;

CREATE TABLE fresh (id integer, doc jsonb);
ALTER TABLE fresh ALTER COLUMN doc SET STORAGE EXTERNAL;

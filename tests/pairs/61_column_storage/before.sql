CREATE DOMAIN bytea20 AS bytea CONSTRAINT bytea20_len CHECK (length(VALUE) = 20);
CREATE TABLE blobs (
    id bytea20 NOT NULL,
    body text,
    note text,
    payload bytea,
    amount numeric(12, 2),
    code varchar(20)
);
ALTER TABLE blobs ALTER COLUMN note SET STORAGE EXTERNAL;
ALTER TABLE blobs ALTER COLUMN payload SET STORAGE MAIN;
-- The type's own mode: nothing to manage.
ALTER TABLE blobs ALTER COLUMN amount SET STORAGE MAIN;

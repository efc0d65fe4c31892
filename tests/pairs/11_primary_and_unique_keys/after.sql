CREATE TABLE users (
    id integer,
    PRIMARY KEY (id) INCLUDE (email),
    email text,
    handle text,
    tenant integer,
    UNIQUE NULLS NOT DISTINCT (tenant, handle),
    CONSTRAINT users_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE tags (name text);

-- Unique indexes that the desired state turns into keys in place.
CREATE TABLE users (
    id integer NOT NULL,
    email text NOT NULL,
    tenant integer
);
CREATE UNIQUE INDEX users_id_idx ON users (id);
CREATE UNIQUE INDEX users_email_idx ON users (email) INCLUDE (tenant);

CREATE TABLE tags (
    id integer NOT NULL,
    name text
);

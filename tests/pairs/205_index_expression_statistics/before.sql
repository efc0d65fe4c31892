-- Statistics targets of indexes' expression columns, which the desired state changes.
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    name text,
    created timestamptz
);

CREATE INDEX users_lower_email ON users (lower(email));
ALTER INDEX users_lower_email ALTER COLUMN 1 SET STATISTICS 500;

CREATE INDEX users_name_created ON users (name, (length(name)), upper(name));
ALTER INDEX users_name_created ALTER 2 SET STATISTICS 200;
ALTER INDEX users_name_created ALTER COLUMN 3 SET STATISTICS 300;

CREATE INDEX users_id_name ON users (id, lower(name));
ALTER INDEX users_id_name ALTER COLUMN 2 SET STATISTICS 150;

CREATE TABLE metrics (
    id integer PRIMARY KEY,
    counter integer NOT NULL DEFAULT 0,
    label varchar(10),
    amount text,
    ratio real,
    happened date
);

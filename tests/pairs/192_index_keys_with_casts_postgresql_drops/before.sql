-- Indexes on columns, some written with casts to the column's own type (which PostgreSQL
-- drops: the index is on the plain column) or to a type it relabels to.
CREATE TABLE people (
    name text,
    nick varchar(50),
    age integer,
    balance numeric(10, 2)
);
CREATE INDEX people_name ON people ((name::text));
CREATE INDEX people_nick ON people ((nick::varchar));
CREATE INDEX people_age ON people (age);

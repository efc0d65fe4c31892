-- The same indexes written otherwise (no change), and new ones with casts PostgreSQL
-- drops, keeps, or folds into a collation.
CREATE TABLE people (
    name text,
    nick varchar(50),
    age integer,
    balance numeric(10, 2)
);
CREATE INDEX people_name ON people (name);
CREATE INDEX people_nick ON people ((nick::varchar));
CREATE INDEX people_age ON people ((age::int4));
CREATE INDEX people_nick_50 ON people ((nick::varchar(50)) DESC);
CREATE INDEX people_balance ON people ((balance::numeric));
CREATE INDEX people_name_c ON people ((name::text COLLATE "C"));

CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE docs (id integer PRIMARY KEY, n integer, body jsonb, title varchar(200), tags text[], feel mood);

CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE people (id integer PRIMARY KEY, email text, login citext UNIQUE, secret text DEFAULT encode(gen_random_bytes(8), 'hex'));

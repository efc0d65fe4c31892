CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE public.accounts (
    id integer PRIMARY KEY,
    email text NOT NULL,
    nick text,
    score integer,
    during tstzrange
);

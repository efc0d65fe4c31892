CREATE TABLE public.plain (
    id integer PRIMARY KEY
);

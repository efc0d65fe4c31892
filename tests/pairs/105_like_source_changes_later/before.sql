CREATE TABLE public.src (id integer PRIMARY KEY, a text);

-- dst copies src as it is at its CREATE: the column added later is src's only.
CREATE TABLE public.src (id integer PRIMARY KEY, a text);
CREATE TABLE public.dst (LIKE public.src INCLUDING INDEXES);
ALTER TABLE public.src ADD COLUMN b integer;

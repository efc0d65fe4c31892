CREATE TABLE public.src (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5),
    a text COLLATE "C" NOT NULL DEFAULT 'x',
    b integer CHECK (b > 0),
    c integer GENERATED ALWAYS AS (b * 2) STORED,
    d integer,
    CONSTRAINT src_pkey PRIMARY KEY (id),
    UNIQUE (a, b),
    CONSTRAINT named_chk CHECK (d < 100) NO INHERIT
);
CREATE INDEX ON public.src (lower(a));
CREATE INDEX ON public.src (d) WHERE d > 0;
CREATE INDEX ON public.src (d);
COMMENT ON COLUMN public.src.a IS 'col a';
COMMENT ON CONSTRAINT named_chk ON public.src IS 'chk comment';
COMMENT ON INDEX public.src_d_idx IS 'idx comment';
-- A copy of src with everything PostgreSQL copies, between two columns of its own.
CREATE TABLE public.dst (x integer, LIKE public.src INCLUDING ALL, y integer);

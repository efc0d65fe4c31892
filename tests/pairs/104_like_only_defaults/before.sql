CREATE TABLE public.src (
    id serial PRIMARY KEY,
    a text NOT NULL DEFAULT 'x',
    b integer CHECK (b > 0)
);

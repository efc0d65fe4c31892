-- Column defaults that change along with their enum's values: the old default may name a
-- removed value and the new one a value that does not exist yet, so the type change sets
-- them (in both directions), and a value added together with a default that uses it turns
-- the in-place ADD VALUE into a rebuild (a new value cannot be used before commit).
CREATE TYPE public.status AS ENUM ('draft', 'with space', 'done');
CREATE TYPE public.tier AS ENUM ('free');

CREATE TABLE public.docs (
    id integer PRIMARY KEY,
    status public.status DEFAULT 'with space' NOT NULL,
    previous public.status DEFAULT 'done',
    tier public.tier DEFAULT 'free' NOT NULL
);

-- A CHECK, a foreign key and a partial index over enum columns whose type is rebuilt:
-- PostgreSQL would compare the new type with the renamed old one.
CREATE TYPE public.color AS ENUM ('red', 'green', 'blue');
CREATE TABLE public.palette (
    color public.color PRIMARY KEY,
    CHECK (color <> 'blue')
);
CREATE TABLE public.paint (
    id integer PRIMARY KEY,
    color public.color REFERENCES public.palette
);
CREATE INDEX paint_red ON public.paint (id) WHERE color = 'red';

CREATE TYPE public.status AS ENUM ('draft', 'done');
CREATE TYPE public.tier AS ENUM ('free', 'pro');

CREATE TABLE public.docs (
    id integer PRIMARY KEY,
    status public.status DEFAULT 'draft',
    previous public.status DEFAULT 'done',
    tier public.tier DEFAULT 'pro' NOT NULL
);

CREATE TYPE public.color AS ENUM ('red', 'blue');
CREATE TABLE public.palette (
    color public.color PRIMARY KEY,
    CHECK (color <> 'blue')
);
CREATE TABLE public.paint (
    id integer PRIMARY KEY,
    color public.color REFERENCES public.palette
);
CREATE INDEX paint_red ON public.paint (id) WHERE color = 'red';

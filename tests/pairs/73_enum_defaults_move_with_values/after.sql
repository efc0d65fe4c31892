CREATE TYPE public.status AS ENUM ('draft', 'done');
CREATE TYPE public.tier AS ENUM ('free', 'pro');

CREATE TABLE public.docs (
    id integer PRIMARY KEY,
    status public.status DEFAULT 'draft',
    previous public.status DEFAULT 'done',
    tier public.tier DEFAULT 'pro' NOT NULL
);

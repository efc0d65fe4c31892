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

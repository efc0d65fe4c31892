-- An enum key referenced by a foreign key; both sides become text. PostgreSQL re-checks
-- the foreign key after each ALTER COLUMN TYPE, and text = enum has no equality operator,
-- so the foreign key must be dropped first and added back after both changes.
CREATE TYPE public.region AS ENUM ('eu', 'us');

CREATE TABLE public.regions (
    code public.region PRIMARY KEY
);

CREATE TABLE public.offices (
    id integer PRIMARY KEY,
    region public.region NOT NULL REFERENCES public.regions ON DELETE CASCADE
);

-- An integer key widened to bigint on both sides.
CREATE TABLE public.accounts (
    id integer PRIMARY KEY
);

CREATE TABLE public.invoices (
    id integer PRIMARY KEY,
    account_id integer REFERENCES public.accounts
);

-- A column moved from one enum to another (no cast between them: through text).
CREATE TYPE public.size_old AS ENUM ('s', 'm', 'l');
CREATE TYPE public.size_new AS ENUM ('s', 'm', 'l', 'xl');
CREATE TABLE public.shirts (
    id integer PRIMARY KEY,
    size public.size_old NOT NULL DEFAULT 'm'
);

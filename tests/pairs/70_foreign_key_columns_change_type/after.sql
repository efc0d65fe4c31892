CREATE TABLE public.regions (
    code text PRIMARY KEY
);

CREATE TABLE public.offices (
    id integer PRIMARY KEY,
    region text NOT NULL REFERENCES public.regions ON DELETE CASCADE
);

CREATE TABLE public.accounts (
    id bigint PRIMARY KEY
);

CREATE TABLE public.invoices (
    id integer PRIMARY KEY,
    account_id bigint REFERENCES public.accounts
);

CREATE TYPE public.size_old AS ENUM ('s', 'm', 'l');
CREATE TYPE public.size_new AS ENUM ('s', 'm', 'l', 'xl');
CREATE TABLE public.shirts (
    id integer PRIMARY KEY,
    size public.size_new NOT NULL DEFAULT 'm'
);

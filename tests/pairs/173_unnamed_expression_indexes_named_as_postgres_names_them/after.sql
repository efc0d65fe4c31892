CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE public.accounts (
    id integer PRIMARY KEY,
    email text NOT NULL,
    nick text,
    score integer,
    during tstzrange,
    -- Named after the function: accounts_lower_during_excl.
    EXCLUDE USING gist (lower(email) WITH =, during WITH &&)
);
-- Each index takes the name PostgreSQL gives it; the comments below name them.
CREATE INDEX ON public.accounts (lower(email));
CREATE INDEX ON public.accounts (lower(email), lower(nick));
CREATE INDEX ON public.accounts ((score + 1));
CREATE INDEX ON public.accounts ((score::text), coalesce(nick, email));
CREATE INDEX ON public.accounts ((score), (score));
COMMENT ON INDEX public.accounts_lower_idx IS 'by function name';
COMMENT ON INDEX public.accounts_lower_lower1_idx IS 'numbered within the index';
COMMENT ON INDEX public.accounts_expr_idx IS 'an operator has no name';
COMMENT ON INDEX public.accounts_score_coalesce_idx IS 'a cast keeps the column''s name';
COMMENT ON INDEX public.accounts_score_score1_idx IS 'the same column twice';
COMMENT ON CONSTRAINT accounts_lower_during_excl ON public.accounts IS 'exclusion named likewise';

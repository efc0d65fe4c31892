-- PostgreSQL re-parses CHECKs and index expressions for a column's new type and keeps the
-- casts it had to add: after integer -> numeric -> integer, `x BETWEEN 1 AND 100` would
-- read `((x)::numeric >= (1)::numeric)`. So they are dropped and built again around the
-- type change, in both directions.
CREATE TABLE public.scores (
    id integer PRIMARY KEY,
    x integer CHECK (x BETWEEN 1 AND 100),
    label varchar(20),
    CONSTRAINT label_not_blank CHECK (label <> '')
);

CREATE INDEX scores_big ON public.scores (id) WHERE x > 50;
CREATE INDEX scores_label_lower ON public.scores (lower(label));

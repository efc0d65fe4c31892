CREATE TABLE public.scores (
    id integer PRIMARY KEY,
    x numeric(10, 2) CHECK (x BETWEEN 1 AND 100),
    label text,
    CONSTRAINT label_not_blank CHECK (label <> '')
);

CREATE INDEX scores_big ON public.scores (id) WHERE x > 50;
CREATE INDEX scores_label_lower ON public.scores (lower(label));

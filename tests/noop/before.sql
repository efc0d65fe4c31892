CREATE TABLE public.t (
    id int4 NOT NULL,
    name varchar(20) DEFAULT 'x'::character varying,
    kind text CHECK (kind IN ('a', 'b')),
    amount numeric CHECK (amount > 0),
    at timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT t_pkey PRIMARY KEY (id)
);
CREATE INDEX t_name_idx ON public.t USING btree (lower((name)::text));

-- The same schema, spelled differently.
create table T (
    ID integer primary key,
    NAME character varying(20) default 'x',
    kind TEXT check ((kind = any (array['a'::text, 'b'::text]))),
    amount NUMERIC check (amount > (0)::numeric),
    at timestamp with time zone default current_timestamp
);
create index t_name_idx on t (lower(name));

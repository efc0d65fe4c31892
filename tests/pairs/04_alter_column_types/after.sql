CREATE TABLE metrics (
    id bigint PRIMARY KEY,
    counter bigint NOT NULL DEFAULT 0,
    label varchar(50),
    amount integer,
    ratio double precision,
    happened timestamp with time zone
);

CREATE TABLE events (
    id int PRIMARY KEY,
    happened_at bigint,
    logged_at timestamp with time zone,
    day integer,
    seen_at timestamp(3)
);

-- No cast joins numbers and timestamps: the values are read as Unix epoch seconds.
CREATE TABLE events (
    id int PRIMARY KEY,
    happened_at timestamp,
    logged_at bigint,
    day date,
    seen_at numeric
);

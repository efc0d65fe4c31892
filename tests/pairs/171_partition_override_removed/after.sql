-- The overrides of a partition go: it takes the parent's default and nullability again
-- (a default it dropped comes back), and its own CHECK goes.
CREATE TABLE jobs (
    id bigint NOT NULL,
    queue text NOT NULL,
    tries integer DEFAULT 0,
    owner text DEFAULT 'system'
) PARTITION BY LIST (queue);
CREATE TABLE jobs_fast PARTITION OF jobs FOR VALUES IN ('fast');
CREATE TABLE jobs_slow PARTITION OF jobs FOR VALUES IN ('slow');

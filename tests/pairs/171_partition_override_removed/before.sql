CREATE TABLE jobs (
    id bigint NOT NULL,
    queue text NOT NULL,
    tries integer DEFAULT 0,
    owner text DEFAULT 'system'
) PARTITION BY LIST (queue);
CREATE TABLE jobs_fast PARTITION OF jobs (
    tries NOT NULL DEFAULT 3,
    owner DEFAULT 'fast',
    CONSTRAINT jobs_fast_tries CHECK (tries < 10)
) FOR VALUES IN ('fast');
ALTER TABLE jobs_fast ALTER COLUMN owner DROP DEFAULT;
CREATE TABLE jobs_slow PARTITION OF jobs FOR VALUES IN ('slow');

-- pg_cron's schema `cron` and its tables belong to the extension: never created, altered
-- or dropped by migrator. The extension itself is updated in place (1.4 to 1.4-1); its
-- down file asks for 1.4 back and keeps 1.4-1, as pg_cron ships no downgrade script.
CREATE EXTENSION pg_cron VERSION '1.4';

CREATE TABLE job_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jobid bigint NOT NULL,
    ran_at timestamptz NOT NULL DEFAULT now()
);

-- A job is data, not schema: migrator skips this statement with a warning, and the job
-- survives every migration (tests/tests/extensions.rs checks the rows of cron.job).
SELECT cron.schedule('nightly-vacuum', '0 3 * * *', 'VACUUM');

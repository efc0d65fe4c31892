CREATE EXTENSION pg_cron VERSION '1.4-1';

CREATE TABLE job_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jobid bigint NOT NULL,
    ran_at timestamptz NOT NULL DEFAULT now(),
    status text
);
CREATE INDEX job_audit_jobid_idx ON job_audit (jobid);

-- Reading the extension's tables is fine: they are provided by the declared extension.
CREATE VIEW recent_job_runs AS
    SELECT d.jobid, d.status, d.start_time
    FROM cron.job_run_details d
    JOIN cron.job j ON j.jobid = d.jobid;

CREATE TABLE items (
    id      BIGSERIAL PRIMARY KEY,
    name    TEXT NOT NULL
);

-- Notes belong to the user whose request wrote them; row-level security keeps every user to their own, even for
-- a query that forgets to filter (see the notes routes).
CREATE TABLE notes (
    id        BIGSERIAL PRIMARY KEY,
    owner_id  UUID NOT NULL DEFAULT nullif(current_setting('app.user_id', true), '')::uuid,
    text      TEXT NOT NULL
);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_of_the_current_user ON notes
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- What the sample's jobs did: one row per completed run (SampleJobs), so tests count runs in the database.
CREATE TABLE job_runs (
    id        BIGSERIAL PRIMARY KEY,
    job_type  TEXT NOT NULL,
    job_key   TEXT NOT NULL,
    label     TEXT,
    version   TEXT NOT NULL,
    attempt   INT NOT NULL,
    host_pid  BIGINT NOT NULL,
    ran_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The failed runs of flaky jobs, counted across retries.
CREATE TABLE job_failures (
    id        BIGSERIAL PRIMARY KEY,
    job_key   TEXT NOT NULL
);

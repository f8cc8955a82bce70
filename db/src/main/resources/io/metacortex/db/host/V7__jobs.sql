-- Background jobs, run by db-scheduler (com.github.kagkarlsson:db-scheduler 16): its PostgreSQL table as its
-- documentation creates it, plus three columns of the host's own that db-scheduler ignores (it names the columns it
-- writes and reads): a stable id for the admin API, and the plugin and job type of each plugin job, read from its
-- task_instance '<plugin>/<type>/<key>'.
CREATE TABLE scheduled_tasks (
    task_name            TEXT NOT NULL,
    task_instance        TEXT NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMPTZ NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMPTZ,
    last_failure         TIMESTAMPTZ,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMPTZ,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

ALTER TABLE scheduled_tasks ADD COLUMN id BIGSERIAL NOT NULL UNIQUE;
ALTER TABLE scheduled_tasks ADD COLUMN plugin_id TEXT GENERATED ALWAYS AS (
    CASE WHEN task_name = 'plugin-job' THEN split_part(task_instance, '/', 1) END) STORED;
ALTER TABLE scheduled_tasks ADD COLUMN job_type TEXT GENERATED ALWAYS AS (
    CASE WHEN task_name = 'plugin-job' THEN split_part(task_instance, '/', 2) END) STORED;
CREATE INDEX scheduled_tasks_plugin_idx ON scheduled_tasks (plugin_id, job_type);

COMMENT ON COLUMN scheduled_tasks.picked_by IS 'db-scheduler''s picking scheduler; or, with picked, a job the host holds back: metacortex:paused (its plugin does not run), metacortex:orphaned (the running version does not register its type), metacortex:failed (its attempts are exhausted)';

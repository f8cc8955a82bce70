-- Parents that complete with their subtasks, and recurring tasks (plugin 1.2.0).

-- When the last open subtask of such a task is completed, the task completes too (recursively up the tree).
ALTER TABLE tasks ADD COLUMN complete_when_subtasks_done BOOLEAN NOT NULL DEFAULT false;

-- An iCalendar RRULE (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO,WE, validated by the plugin; a recurring task has a due.
ALTER TABLE tasks ADD COLUMN recurrence TEXT CHECK (char_length(recurrence) BETWEEN 1 AND 500);
ALTER TABLE tasks ADD CONSTRAINT recurrence_needs_due CHECK (recurrence IS NULL OR due IS NOT NULL);

-- The DTSTART of the rule: the due of the series' first task, copied to every instance, so that COUNT and UNTIL
-- count from the start of the series and not from the task being completed.
ALTER TABLE tasks ADD COLUMN recurrence_start TIMESTAMPTZ;
ALTER TABLE tasks ADD CONSTRAINT recurrence_start_iff_recurrence
    CHECK ((recurrence IS NULL) = (recurrence_start IS NULL));

-- The id of the series' first task (a task that does not recur is its own series). The next instance of a series
-- copies it; any other new row gets its own id, from the trigger below (defaults, such as id's, come before it).
ALTER TABLE tasks ADD COLUMN series_id BIGINT;
UPDATE tasks SET series_id = id;
ALTER TABLE tasks ALTER COLUMN series_id SET NOT NULL;

CREATE FUNCTION tasks_series_defaults_to_own_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.series_id := coalesce(NEW.series_id, NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER tasks_series_id BEFORE INSERT ON tasks
    FOR EACH ROW EXECUTE FUNCTION tasks_series_defaults_to_own_id();

-- The task whose completion created this one (the previous instance of its series), or NULL.
ALTER TABLE tasks ADD COLUMN previous_id BIGINT REFERENCES tasks (id) ON DELETE SET NULL;

-- Completing a recurring task creates its next instance at most once (INSERT ... ON CONFLICT (previous_id) DO
-- NOTHING), however often it is completed, reopened and completed again, and by concurrent requests. Also the
-- lookup of previous_id's ON DELETE SET NULL.
CREATE UNIQUE INDEX tasks_previous_id_key ON tasks (previous_id) WHERE previous_id IS NOT NULL;

-- Completing a subtask: are all the parent's subtasks done?
--   SELECT ... FROM tasks WHERE owner_id = :owner AND parent_id = :parent AND status <> 'COMPLETED'
-- tasks_owner_parent_idx (owner_id, parent_id, id) of V2 serves it.

-- Projects (plugin 1.2.0): a user's named groups of tasks. A task belongs to at most one project of its owner.

CREATE TABLE projects (
    id         BIGSERIAL PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    name       TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- What tasks_owner_project_fkey needs; its index serves
    --   GET /api/tasks/projects: WHERE owner_id = :owner AND id > :afterId ORDER BY id LIMIT n.
    CONSTRAINT projects_owner_id_id_key UNIQUE (owner_id, id)
);

-- POST/PUT /api/tasks/projects: a name is unique per user, ignoring case (the 409 on a taken name).
CREATE UNIQUE INDEX projects_owner_name_key ON projects (owner_id, lower(name));

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_owner_only ON projects
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- The project must be one of the task owner's (foreign keys bypass row-level security, so this holds whatever role
-- writes). Deleting a project keeps its tasks and clears only their project_id (not owner_id).
ALTER TABLE tasks ADD COLUMN project_id BIGINT;
ALTER TABLE tasks ADD CONSTRAINT tasks_owner_project_fkey FOREIGN KEY (owner_id, project_id)
    REFERENCES projects (owner_id, id) ON DELETE SET NULL (project_id);

-- GET /api/tasks?projectId=: WHERE owner_id = :owner AND project_id = :projectId AND id > :afterId ORDER BY id;
-- also the lookup of tasks_owner_project_fkey's ON DELETE SET NULL when a project is deleted.
CREATE INDEX tasks_owner_project_idx ON tasks (owner_id, project_id, id);

-- Tasks, applied by the host into the plugin's own schema (plugin_tasks): names stay unqualified.
-- Ownership comes later: an owner column plus owner-first variants of the indexes below.

CREATE TABLE tasks (
    id           BIGSERIAL PRIMARY KEY,
    title        TEXT        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description  TEXT                 CHECK (char_length(description) <= 20000),
    due          TIMESTAMPTZ,
    priority     TEXT        NOT NULL DEFAULT 'MEDIUM'
                             CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH')),
    status       TEXT        NOT NULL DEFAULT 'PENDING'
                             CHECK (status IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'BLOCKED')),
    -- Normalised by the plugin: trimmed, lower-case, unique, sorted; at most 20 of 1..50 characters.
    tags         TEXT[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
    -- Subtasks go with their parent: deleting a task deletes its whole subtree.
    parent_id    BIGINT      REFERENCES tasks (id) ON DELETE CASCADE CHECK (parent_id <> id),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ,
    CONSTRAINT completed_at_iff_completed CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
);

-- Every list query pages by keyset (WHERE id > :after ORDER BY id LIMIT n): unfiltered it walks the primary key.

-- GET /api/tasks?parentId=: children of a task, in id order; also serves the ON DELETE CASCADE lookup.
CREATE INDEX tasks_parent_id_idx ON tasks (parent_id, id);

-- GET /api/tasks?status=: tasks in a status, in id order.
CREATE INDEX tasks_status_idx ON tasks (status, id);

-- GET /api/tasks?priority=: tasks of a priority, in id order.
CREATE INDEX tasks_priority_idx ON tasks (priority, id);

-- GET /api/tasks?dueBefore=&dueAfter=: range scans on the due date; undated tasks never match, so leave them out.
CREATE INDEX tasks_due_idx ON tasks (due) WHERE due IS NOT NULL;

-- GET /api/tasks?tag=a&tag=b: containment (tags @> ARRAY['a','b']).
CREATE INDEX tasks_tags_idx ON tasks USING GIN (tags);

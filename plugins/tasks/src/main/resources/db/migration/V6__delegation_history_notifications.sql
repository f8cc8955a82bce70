-- Delegation, history and notifications (plugin 1.2.0).

-- A task may be delegated by its owner to one other user, who accepts or declines.
ALTER TABLE tasks ADD COLUMN assignee_id UUID;
ALTER TABLE tasks ADD COLUMN delegation_state TEXT CHECK (delegation_state IN ('PENDING', 'ACCEPTED', 'DECLINED'));
ALTER TABLE tasks ADD COLUMN delegated_at TIMESTAMPTZ;
ALTER TABLE tasks ADD CONSTRAINT delegation_complete
    CHECK ((assignee_id IS NULL) = (delegation_state IS NULL) AND (assignee_id IS NULL) = (delegated_at IS NULL));
ALTER TABLE tasks ADD CONSTRAINT delegation_not_to_owner CHECK (assignee_id <> owner_id);

-- GET /api/tasks?delegated=true: WHERE assignee_id = :user AND id > :afterId ORDER BY id LIMIT n; also what the
-- assignee policies below and GET /api/tasks/{id} (owner_id = :user OR assignee_id = :user) look up.
CREATE INDEX tasks_assignee_idx ON tasks (assignee_id, id) WHERE assignee_id IS NOT NULL;

-- Row-level security: the owner keeps tasks_owner_only (V2: every operation). The assignee may read the task and
-- update it while it stays delegated to them; inserting and deleting stay the owner's. Still FORCEd.
CREATE POLICY tasks_assignee_read ON tasks FOR SELECT
    USING (assignee_id = nullif(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY tasks_assignee_update ON tasks FOR UPDATE
    USING (assignee_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (assignee_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- What happened to a task, and who did it. Entries go with their task.
CREATE TABLE task_history (
    id         BIGSERIAL PRIMARY KEY,
    task_id    BIGINT      NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    -- The task's owner (the history belongs to the task); actor_id is who acted: the owner or the assignee.
    owner_id   UUID        NOT NULL,
    actor_id   UUID        NOT NULL,
    event      TEXT        NOT NULL
                           CHECK (event IN ('CREATED', 'UPDATED', 'COMPLETED', 'REOPENED', 'DELEGATED', 'ACCEPTED',
                                            'DECLINED')),
    -- Event details, e.g. for UPDATED the changed fields: {"title": {"from": "a", "to": "b"}}.
    details    JSONB       NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- GET /api/tasks/{id}/history: WHERE task_id = :taskId AND id > :afterId ORDER BY id LIMIT n; also the lookup of
-- the ON DELETE CASCADE from tasks.
CREATE INDEX task_history_task_idx ON task_history (task_id, id);

-- Readable by whoever may read the task (the subquery on tasks is filtered by its policies: owner or assignee);
-- written only as oneself, about a task one may read. Entries are never updated.
ALTER TABLE task_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_history FORCE ROW LEVEL SECURITY;
CREATE POLICY task_history_read ON task_history FOR SELECT
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid
           OR task_id IN (SELECT t.id FROM tasks t));
CREATE POLICY task_history_write ON task_history FOR INSERT
    WITH CHECK (actor_id = nullif(current_setting('app.user_id', true), '')::uuid
                AND task_id IN (SELECT t.id FROM tasks t));

-- Told to a user about tasks they no longer see: an owner deleted a task delegated to them. owner_id is the user
-- told; actor_id who caused it. task_id is kept as a plain number: the task is gone.
CREATE TABLE task_notifications (
    id         BIGSERIAL PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    actor_id   UUID        NOT NULL,
    event      TEXT        NOT NULL CHECK (event IN ('TASK_DELETED')),
    task_id    BIGINT      NOT NULL,
    task_title TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- GET /api/tasks/notifications: WHERE owner_id = :user AND id > :afterId ORDER BY id LIMIT n.
CREATE INDEX task_notifications_owner_idx ON task_notifications (owner_id, id);

ALTER TABLE task_notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY task_notifications_read ON task_notifications FOR SELECT
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY task_notifications_write ON task_notifications FOR INSERT
    WITH CHECK (actor_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Completing a recurring task creates its next instance, which keeps the delegation. When the assignee completes
-- it, they insert that instance: allowed only as the assignee of the new row, and only as the next instance of a
-- completed task delegated to them. Its tags are copied from that task (task_tags rows of the owner).
CREATE POLICY tasks_assignee_next_instance ON tasks FOR INSERT
    WITH CHECK (assignee_id = nullif(current_setting('app.user_id', true), '')::uuid
                AND previous_id IN (SELECT t.id FROM tasks t WHERE t.status = 'COMPLETED'
                                       AND t.assignee_id = nullif(current_setting('app.user_id', true), '')::uuid));
CREATE POLICY task_tags_of_delegated_tasks ON task_tags FOR INSERT
    WITH CHECK (task_id IN (SELECT t.id FROM tasks t
                             WHERE t.assignee_id = nullif(current_setting('app.user_id', true), '')::uuid));

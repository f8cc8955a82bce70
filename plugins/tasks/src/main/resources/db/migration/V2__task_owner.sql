-- Tasks become per-user: every task belongs to the user who created it (plugin 1.1.0).
--
-- Rows written before this migration have no owner: owner_id stays NULL for them. They are kept (they may be real
-- data) but are visible to nobody: the DAO's "owner_id = :owner" and the row-level security policy below never
-- match NULL. An operator can hand them to a user, connected as a role that bypasses row-level security, with
--   UPDATE plugin_tasks.tasks SET owner_id = '<user id>' WHERE owner_id IS NULL;
-- New rows always get an owner from the plugin; the column is not NOT NULL only because of those old rows.
ALTER TABLE tasks ADD COLUMN owner_id UUID;

-- A subtask belongs to its parent's owner: (owner_id, parent_id) must name a task of the same owner. Foreign keys
-- bypass row-level security, so this holds whatever role writes. Rows without an owner are not checked by it
-- (MATCH SIMPLE); the original parent_id foreign key still covers them. Deleting a task still deletes its subtree.
-- The unique constraint is what the foreign key needs, and its index serves the unfiltered list:
--   GET /api/tasks: WHERE owner_id = :owner AND id > :afterId ORDER BY id LIMIT n.
ALTER TABLE tasks ADD CONSTRAINT tasks_owner_id_id_key UNIQUE (owner_id, id);
ALTER TABLE tasks ADD CONSTRAINT tasks_owner_parent_fkey FOREIGN KEY (owner_id, parent_id)
    REFERENCES tasks (owner_id, id) ON DELETE CASCADE;

-- Every query now starts with owner_id = :owner, so the list indexes lead with the owner. They replace the
-- ownerless ones of V1, except tasks_parent_id_idx, which stays for the ON DELETE CASCADE of parent_id.

-- GET /api/tasks?parentId=: children of a task, in id order; also the lookup of tasks_owner_parent_fkey's cascade.
CREATE INDEX tasks_owner_parent_idx ON tasks (owner_id, parent_id, id);

-- GET /api/tasks?status=: the owner's tasks in a status, in id order.
DROP INDEX tasks_status_idx;
CREATE INDEX tasks_owner_status_idx ON tasks (owner_id, status, id);

-- GET /api/tasks?priority=: the owner's tasks of a priority, in id order.
DROP INDEX tasks_priority_idx;
CREATE INDEX tasks_owner_priority_idx ON tasks (owner_id, priority, id);

-- GET /api/tasks?dueBefore=&dueAfter=: range scans on the owner's dated tasks.
DROP INDEX tasks_due_idx;
CREATE INDEX tasks_owner_due_idx ON tasks (owner_id, due) WHERE due IS NOT NULL;

-- GET /api/tasks?tag=: tasks_tags_idx (GIN on tags) stays as it is; a GIN index cannot lead with a uuid without
-- the btree_gin extension, so PostgreSQL combines it with tasks_owner_id_id_key (BitmapAnd) or filters by owner.

-- Row-level security, the backstop behind the DAO's explicit owner filter: the host sets app.user_id on every
-- connection it hands the plugin to the caller's id, or '' outside a request and for anonymous callers ('' and an
-- unset setting match no row). FORCE applies the policy to the table's owner too; superusers and roles with
-- BYPASSRLS still bypass it. WITH CHECK refuses writing a row owned by anyone else.
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tasks_owner_only ON tasks
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

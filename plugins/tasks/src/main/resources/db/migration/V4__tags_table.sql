-- Tags become per-user entities (plugin 1.2.0): tags (owner, name) and the task_tags join replace tasks.tags TEXT[].
-- The API keeps its shape ("tags": ["home"], names normalised by the plugin: trimmed, lower-case, 1..50 characters).

CREATE TABLE tags (
    id         BIGSERIAL PRIMARY KEY,
    -- NULL only for tags moved over from rows written before owners existed (V2): visible to nobody, like them.
    owner_id   UUID,
    name       TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A tag name once per user. Serves the lookups by name: GET /api/tasks?tag= (g.owner_id = t.owner_id AND
    -- g.name = ANY (:tags)), writing a task's tags (INSERT ... ON CONFLICT), renaming into a taken name (merge).
    CONSTRAINT tags_owner_name_key UNIQUE NULLS NOT DISTINCT (owner_id, name),
    -- What task_tags_owner_tag_fkey needs; its index serves
    --   GET /api/tasks/tags: WHERE owner_id = :owner AND id > :afterId ORDER BY id LIMIT n.
    CONSTRAINT tags_owner_id_id_key UNIQUE (owner_id, id)
);

CREATE TABLE task_tags (
    task_id  BIGINT NOT NULL,
    tag_id   BIGINT NOT NULL,
    owner_id UUID,
    -- The primary key's index serves the tags of a task: the ARRAY(SELECT ... WHERE tt.task_id = t.id) of every
    -- task read, and the DELETE of a task's tags when they are replaced.
    PRIMARY KEY (task_id, tag_id),
    -- Task and tag belong to the same owner; both cascade.
    CONSTRAINT task_tags_owner_task_fkey FOREIGN KEY (owner_id, task_id) REFERENCES tasks (owner_id, id)
        ON DELETE CASCADE,
    CONSTRAINT task_tags_task_fkey FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT task_tags_owner_tag_fkey FOREIGN KEY (owner_id, tag_id) REFERENCES tags (owner_id, id)
        ON DELETE CASCADE,
    CONSTRAINT task_tags_tag_fkey FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);

-- GET /api/tasks/tags (task counts per tag), GET /api/tasks?tag= (tasks having a tag), PUT/DELETE
-- /api/tasks/tags/{id} (the tasks of a tag) and the cascades from tags.
CREATE INDEX task_tags_tag_idx ON task_tags (tag_id, task_id);

-- Data: every task keeps its tags. A user's tags get ids in name order.
INSERT INTO tags (owner_id, name)
SELECT DISTINCT t.owner_id, tag FROM tasks t CROSS JOIN LATERAL unnest(t.tags) AS tag ORDER BY 1, 2;
INSERT INTO task_tags (task_id, tag_id, owner_id)
SELECT t.id, g.id, t.owner_id
  FROM tasks t CROSS JOIN LATERAL unnest(t.tags) AS tag
  JOIN tags g ON g.owner_id IS NOT DISTINCT FROM t.owner_id AND g.name = tag;

DROP INDEX tasks_tags_idx;
ALTER TABLE tasks DROP COLUMN tags;

-- Row-level security: a user's own tags, plus the tags of tasks delegated to them (the subquery on tasks is itself
-- filtered by the tasks policies, so it yields exactly the tasks the user may read). Writes: own rows only.
ALTER TABLE tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE tags FORCE ROW LEVEL SECURITY;
CREATE POLICY tags_owner_only ON tags
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY tags_of_visible_tasks ON tags FOR SELECT
    USING (id IN (SELECT tt.tag_id FROM task_tags tt));

ALTER TABLE task_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_tags FORCE ROW LEVEL SECURITY;
CREATE POLICY task_tags_owner_only ON task_tags
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY task_tags_of_visible_tasks ON task_tags FOR SELECT
    USING (task_id IN (SELECT t.id FROM tasks t));

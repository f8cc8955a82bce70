-- Row-level security that costs a user with many tasks nothing. The policies of V4 and V6 that let an assignee see a
-- delegated task's tags and history, and write its next instance, used "x IN (SELECT ... FROM tasks)": PostgreSQL
-- runs such a subquery once per statement over every task the user can see (a hashed subplan), so every list, insert
-- and history entry scanned all of the user's tasks and task_tags (measured: 2 ms per list at 1,000 tasks, growing
-- with each task). The same rules as correlated EXISTS look up only the row's own task by its primary key, and only
-- when the cheaper owner test before them failed (OR stops at the first true branch).

-- tags: the owner's, or a tag of a task the user sees (an assignee sees the tags of a task delegated to them).
DROP POLICY tags_of_visible_tasks ON tags;
CREATE POLICY tags_of_visible_tasks ON tags FOR SELECT
    USING (EXISTS (SELECT 1 FROM task_tags tt WHERE tt.tag_id = tags.id));

-- task_tags: the owner's, or those of a task the user sees.
DROP POLICY task_tags_of_visible_tasks ON task_tags;
CREATE POLICY task_tags_of_visible_tasks ON task_tags FOR SELECT
    USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_tags.task_id));

-- The assignee copies the tags of a recurring task delegated to them onto its next instance.
DROP POLICY task_tags_of_delegated_tasks ON task_tags;
CREATE POLICY task_tags_of_delegated_tasks ON task_tags FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_tags.task_id
                           AND t.assignee_id = nullif(current_setting('app.user_id', true), '')::uuid));

-- History: the owner's, or that of a task the user sees; written by the acting user on a task they see.
DROP POLICY task_history_read ON task_history;
CREATE POLICY task_history_read ON task_history FOR SELECT
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid
           OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_history.task_id));
DROP POLICY task_history_write ON task_history;
CREATE POLICY task_history_write ON task_history FOR INSERT
    WITH CHECK (actor_id = nullif(current_setting('app.user_id', true), '')::uuid
                AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_history.task_id));

-- The assignee inserts the next instance of a completed recurring task delegated to them.
DROP POLICY tasks_assignee_next_instance ON tasks;
CREATE POLICY tasks_assignee_next_instance ON tasks FOR INSERT
    WITH CHECK (assignee_id = nullif(current_setting('app.user_id', true), '')::uuid
                AND EXISTS (SELECT 1 FROM tasks p WHERE p.id = tasks.previous_id AND p.status = 'COMPLETED'
                               AND p.assignee_id = nullif(current_setting('app.user_id', true), '')::uuid));

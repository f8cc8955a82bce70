-- Row-level security that costs little to plan (plugin 1.3.2). Measured on GET /api/tasks?limit=20 (20 tasks with
-- their tags, as a prepared statement the way the plugin's connections run it): planning took 0.51 ms with row-level
-- security against 0.16 ms without, execution 0.13 against 0.09 ms; that statement is planned on every execution
-- (its parameters make PostgreSQL keep custom plans), so the policies doubled the database's share of a list.
--
-- Why: a policy's subquery ("EXISTS (SELECT 1 FROM tasks ...)") is planned as part of every statement on its table,
-- and the table it reads brings its own policies along: the tags of a list expanded task_tags' policy, whose subquery
-- on tasks expanded tasks' policies, and tags' policy did the same through task_tags. The subqueries only run when the
-- cheap owner test before them fails, but they were planned every time.
--
-- Now each such test is a plpgsql function, which the planner does not look into: planning sees one function call.
-- The function runs its query as the caller, under the same policies, so every rule below is unchanged (measured
-- after: planning 0.22 ms, execution 0.10 ms). Names are schema-qualified so a session's search path cannot point
-- them at another table.
--
-- Each function is declared as costly as it can be (COST 10000; one run reads other tables under their own
-- policies): a subquery ran once per statement as a hashed subplan, a function runs per row it is asked about, so the
-- planner must keep it away from rows the cheap owner test does not settle. With the default cost it read the small
-- tags table whole for each task of a page and asked the function about every other user's tag: 800 ms for a page of
-- a user among two with 1,000 tagged tasks each (bench/run-requests); with COST 10000 it reads each tag by its key.

-- The caller sees the task (they own it, or it is delegated to them: tasks' own policies decide).
CREATE FUNCTION task_visible(task BIGINT) RETURNS BOOLEAN
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10000
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.tasks t WHERE t.id = task);
END
$$;

-- The tag is on a task the caller sees.
CREATE FUNCTION tag_on_visible_task(tag BIGINT) RETURNS BOOLEAN
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10000
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.task_tags tt WHERE tt.tag_id = tag);
END
$$;

-- The task is delegated to the caller.
CREATE FUNCTION delegated_to_caller(task BIGINT) RETURNS BOOLEAN
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10000
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.tasks t
                    WHERE t.id = task AND t.assignee_id = nullif(current_setting('app.user_id', true), '')::uuid);
END
$$;

-- The task is completed and delegated to the caller (whose next instance they may insert).
CREATE FUNCTION completed_and_delegated_to_caller(task BIGINT) RETURNS BOOLEAN
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10000
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.tasks t
                    WHERE t.id = task AND t.status = 'COMPLETED'
                      AND t.assignee_id = nullif(current_setting('app.user_id', true), '')::uuid);
END
$$;

DROP POLICY tags_of_visible_tasks ON tags;
CREATE POLICY tags_of_visible_tasks ON tags FOR SELECT
    USING (tag_on_visible_task(id));

DROP POLICY task_tags_of_visible_tasks ON task_tags;
CREATE POLICY task_tags_of_visible_tasks ON task_tags FOR SELECT
    USING (task_visible(task_id));

DROP POLICY task_tags_of_delegated_tasks ON task_tags;
CREATE POLICY task_tags_of_delegated_tasks ON task_tags FOR INSERT
    WITH CHECK (delegated_to_caller(task_id));

DROP POLICY task_history_read ON task_history;
CREATE POLICY task_history_read ON task_history FOR SELECT
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid OR task_visible(task_id));

DROP POLICY task_history_write ON task_history;
CREATE POLICY task_history_write ON task_history FOR INSERT
    WITH CHECK (actor_id = nullif(current_setting('app.user_id', true), '')::uuid AND task_visible(task_id));

DROP POLICY tasks_assignee_next_instance ON tasks;
CREATE POLICY tasks_assignee_next_instance ON tasks FOR INSERT
    WITH CHECK (assignee_id = nullif(current_setting('app.user_id', true), '')::uuid
                AND completed_and_delegated_to_caller(previous_id));

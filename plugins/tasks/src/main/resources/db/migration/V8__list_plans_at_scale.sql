-- Per-user pagination that stays cheap with many users (plugin 1.3.1). Measured by bench/run-scale: with 1,000,000
-- tasks of 1,000 users, GET /api/tasks?limit=20 read every one of the user's tasks and sorted them to return 20.
--
-- Why: the list query filters "t.owner_id = :user" itself, and row-level security adds
--   (owner_id = <app.user_id>) OR (assignee_id = <app.user_id>)     (tasks_owner_only OR tasks_assignee_read)
-- The planner takes the two owner tests for independent conditions and multiplies their selectivities (1/users
-- each), so it expects a handful of rows where the user has thousands; and as both OR branches are indexed it can
-- scan them as a BitmapOr, whose rows come out unordered: it chose the bitmap scan plus a sort over the whole set,
-- which it thought tiny, over walking tasks_owner_id_id_key in id order and stopping after 20 rows.
--
-- The assignee branch now calls a function the planner cannot see into (plpgsql is never inlined): it estimates such
-- a call at a fixed third of the rows, so the OR no longer looks like a second owner filter, and the branch has no
-- index to build a BitmapOr from. The rule is unchanged (a task delegated to the user is theirs to read, and to
-- update without handing it on); the DAO's own filters pick the index (t.assignee_id = :user for the delegated list).
-- The owner branch stays a plain comparison, evaluated first, so the function only runs for rows the user does not
-- own.

CREATE FUNCTION caller_is(candidate UUID) RETURNS BOOLEAN
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    RETURN candidate = nullif(current_setting('app.user_id', true), '')::uuid;
END
$$;

DROP POLICY tasks_assignee_read ON tasks;
CREATE POLICY tasks_assignee_read ON tasks FOR SELECT
    USING (caller_is(assignee_id));

DROP POLICY tasks_assignee_update ON tasks;
CREATE POLICY tasks_assignee_update ON tasks FOR UPDATE
    USING (caller_is(assignee_id))
    WITH CHECK (caller_is(assignee_id));

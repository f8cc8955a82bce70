package io.metacortex.tasks.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for the {@code tasks} table (with their tags in {@code tags}/{@code task_tags}) as one user sees it, on one
 * handle; the {@link TaskService} decides the transactions. A user reads the tasks they own and those delegated to
 * them; they write their own tasks, and change the status of a task delegated to them once they accepted it. Every
 * statement filters by the user itself: the tables' row-level security policies are the backstop, not the only
 * guard. Table names are unqualified: the handle's search path is the plugin's schema.
 */
final class TaskDao {

    private static final String COLUMNS = """
            t.id, t.owner_id, t.title, t.description, t.due, t.priority, t.status, t.parent_id, t.project_id,
            t.complete_when_subtasks_done, t.recurrence, t.recurrence_start, t.series_id, t.assignee_id,
            t.delegation_state, t.delegated_at, t.created_at, t.updated_at, t.completed_at,
            ARRAY(SELECT g.name FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
                   WHERE tt.task_id = t.id ORDER BY g.name) AS tags""";

    private final Handle handle;
    private final UUID user;

    /** @param user the user whose view of the tasks this DAO reads and writes; other tasks do not exist for it */
    TaskDao(Handle handle, UUID user) {
        this.handle = Objects.requireNonNull(handle);
        this.user = Objects.requireNonNull(user);
    }

    /** Inserts a task owned by the user, with its tags; its series is itself (the schema's trigger). */
    Task insert(TaskDraft draft) {
        Query insert = handle.createQuery("""
                INSERT INTO tasks (owner_id, title, description, due, priority, status, parent_id, project_id,
                                   complete_when_subtasks_done, recurrence, recurrence_start, completed_at)
                VALUES (:owner, :title, :description, :due, :priority, :status, :parentId, :projectId,
                        :completeWhenSubtasksDone, :recurrence,
                        CASE WHEN :recurrence IS NOT NULL THEN CAST(:due AS timestamptz) END,
                        CASE WHEN :status = 'COMPLETED' THEN now() END)
                RETURNING id""");
        long id = bindDraft(insert, draft).bind("owner", user).mapTo(Long.class).one();
        writeTags(id, draft.tags());
        return find(id).orElseThrow();
    }

    /**
     * Inserts the next instance of a completed recurring task: a copy (title, description, priority, tags, parent,
     * project, rule, delegation) due at {@code due}, pending, in the same series.
     *
     * @return the new task; empty when {@code previous} already has a next instance (created by an earlier
     *     completion)
     */
    Optional<Task> insertNext(Task previous, Instant due) {
        Optional<Long> id = handle.createQuery("""
                INSERT INTO tasks (owner_id, title, description, due, priority, status, parent_id, project_id,
                                   complete_when_subtasks_done, recurrence, recurrence_start, series_id, previous_id,
                                   assignee_id, delegation_state, delegated_at)
                SELECT owner_id, title, description, CAST(:due AS timestamptz), priority, 'PENDING', parent_id, project_id,
                       complete_when_subtasks_done, recurrence, recurrence_start, series_id, id,
                       assignee_id, delegation_state, delegated_at
                  FROM tasks
                 WHERE id = :previous AND (owner_id = :user OR assignee_id = :user)
                ON CONFLICT (previous_id) WHERE previous_id IS NOT NULL DO NOTHING
                RETURNING id""")
                .bind("due", due)
                .bind("previous", previous.id())
                .bind("user", user)
                .mapTo(Long.class)
                .findOne();
        id.ifPresent(next -> handle.createUpdate("""
                INSERT INTO task_tags (task_id, tag_id, owner_id)
                SELECT :next, tag_id, owner_id FROM task_tags WHERE task_id = :previous""")
                .bind("next", next)
                .bind("previous", previous.id())
                .execute());
        return id.flatMap(this::find);
    }

    /** @return the task when the user owns it or it is delegated to them */
    Optional<Task> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS
                        + " FROM tasks t WHERE t.id = :id AND (t.owner_id = :user OR t.assignee_id = :user)")
                .bind("user", user)
                .bind("id", id)
                .map(TaskDao::map)
                .findOne();
    }

    /** @return the tasks among {@code ids} the user owns or that are delegated to them */
    List<Task> findAll(List<Long> ids) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tasks t WHERE t.id = ANY (CAST(:ids AS bigint[]))"
                        + " AND (t.owner_id = :user OR t.assignee_id = :user) ORDER BY t.id")
                .bind("user", user)
                .bindArray("ids", Long.class, ids)
                .map(TaskDao::map)
                .list();
    }

    /** The recurrence start (DTSTART) of a recurring task the user may see, null when it does not recur. */
    Optional<Instant> recurrenceStart(long id) {
        return handle.createQuery("SELECT recurrence_start FROM tasks WHERE id = :id"
                        + " AND (owner_id = :user OR assignee_id = :user)")
                .bind("id", id)
                .bind("user", user)
                .map((rs, ctx) -> instant(rs, "recurrence_start"))
                .findOne();
    }

    /**
     * Replaces the editable fields of a task the user owns. {@code completed_at} keeps its value while the task
     * stays completed, is set when it becomes completed and cleared when it leaves that status. The rule's start
     * stays while the rule does, and is the new due when the rule is new or changed.
     */
    Optional<Task> update(long id, TaskDraft draft) {
        Query update = handle.createQuery("""
                UPDATE tasks
                   SET title = :title, description = :description, due = :due, priority = :priority,
                       status = :status, parent_id = :parentId, project_id = :projectId,
                       complete_when_subtasks_done = :completeWhenSubtasksDone,
                       recurrence_start = CASE WHEN :recurrence IS NULL THEN NULL
                                               WHEN recurrence = :recurrence THEN recurrence_start
                                               ELSE CAST(:due AS timestamptz) END,
                       recurrence = :recurrence, updated_at = now(),
                       completed_at = CASE WHEN :status = 'COMPLETED' THEN coalesce(completed_at, now()) END
                 WHERE owner_id = :owner AND id = :id
                RETURNING id""");
        Optional<Long> updated = bindDraft(update, draft)
                .bind("owner", user)
                .bind("id", id)
                .mapTo(Long.class)
                .findOne();
        updated.ifPresent(taskId -> writeTags(taskId, draft.tags()));
        return updated.flatMap(this::find);
    }

    /**
     * Sets the status of a task the user owns, or that is delegated to them and they accepted.
     *
     * @return the task as it is now; empty when the user may not change its status
     */
    Optional<Task> updateStatus(long id, Status status) {
        return handle.createQuery("""
                UPDATE tasks
                   SET status = :status, updated_at = now(),
                       completed_at = CASE WHEN :status = 'COMPLETED' THEN coalesce(completed_at, now()) END
                 WHERE id = :id
                   AND (owner_id = :user OR (assignee_id = :user AND delegation_state = 'ACCEPTED'))
                RETURNING id""")
                .bind("status", status.name())
                .bind("id", id)
                .bind("user", user)
                .mapTo(Long.class)
                .findOne()
                .flatMap(this::find);
    }

    /** Delegates a task the user owns to {@code assignee}, pending their answer. @return the task, or empty */
    Optional<Task> delegate(long id, UUID assignee) {
        return handle.createQuery("""
                UPDATE tasks
                   SET assignee_id = :assignee, delegation_state = 'PENDING', delegated_at = now(), updated_at = now()
                 WHERE owner_id = :user AND id = :id
                RETURNING id""")
                .bind("assignee", assignee)
                .bind("id", id)
                .bind("user", user)
                .mapTo(Long.class)
                .findOne()
                .flatMap(this::find);
    }

    /**
     * Records the assignee's answer to a pending delegation of a task delegated to the user.
     *
     * @return the task, or empty when it is not delegated to the user or not pending
     */
    Optional<Task> answerDelegation(long id, DelegationState answer) {
        return handle.createQuery("""
                UPDATE tasks
                   SET delegation_state = :answer, updated_at = now()
                 WHERE assignee_id = :user AND id = :id AND delegation_state = 'PENDING'
                RETURNING id""")
                .bind("answer", answer.name())
                .bind("id", id)
                .bind("user", user)
                .mapTo(Long.class)
                .findOne()
                .flatMap(this::find);
    }

    /** Deletes a task the user owns and, by ON DELETE CASCADE, its subtasks. @return whether the user owned it */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM tasks WHERE owner_id = :owner AND id = :id")
                        .bind("owner", user)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** @return the task and its subtasks, recursively, that are delegated to someone: what deleting it removes */
    List<Task> delegatedInSubtree(long id) {
        return handle.createQuery("""
                WITH RECURSIVE subtree (id) AS (
                    SELECT id FROM tasks WHERE owner_id = :owner AND id = :id
                    UNION
                    SELECT t.id FROM tasks t JOIN subtree s ON t.parent_id = s.id WHERE t.owner_id = :owner
                )
                SELECT\s""" + COLUMNS + " FROM tasks t JOIN subtree s ON s.id = t.id"
                        + " WHERE t.assignee_id IS NOT NULL ORDER BY t.id")
                .bind("owner", user)
                .bind("id", id)
                .map(TaskDao::map)
                .list();
    }

    /** @return whether the user owns a task with this id (another user's task does not count) */
    boolean exists(long id) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM tasks WHERE owner_id = :owner AND id = :id)")
                .bind("owner", user)
                .bind("id", id)
                .mapTo(Boolean.class)
                .one();
    }

    /** @return whether the user's task {@code parent} has subtasks that are not completed */
    boolean hasOpenSubtasks(long parent) {
        return handle.createQuery("""
                SELECT EXISTS (SELECT 1 FROM tasks
                                WHERE owner_id = :owner AND parent_id = :parent AND status <> 'COMPLETED')""")
                .bind("owner", user)
                .bind("parent", parent)
                .mapTo(Boolean.class)
                .one();
    }

    /** @return whether {@code candidate} is {@code task} itself or one of its ancestors (parent, grandparent...) */
    boolean isSelfOrAncestor(long candidate, long task) {
        // UNION (not UNION ALL) stops the walk even if a cycle were ever stored.
        return handle.createQuery("""
                WITH RECURSIVE chain (id, parent_id) AS (
                    SELECT id, parent_id FROM tasks WHERE owner_id = :owner AND id = :task
                    UNION
                    SELECT t.id, t.parent_id FROM tasks t JOIN chain c ON t.id = c.parent_id
                     WHERE t.owner_id = :owner
                )
                SELECT EXISTS (SELECT 1 FROM chain WHERE id = :candidate)""")
                .bind("owner", user)
                .bind("task", task)
                .bind("candidate", candidate)
                .mapTo(Boolean.class)
                .one();
    }

    /**
     * Serialises the owner's changes of parent for the rest of the transaction, so two concurrent moves cannot
     * together create a cycle that neither sees alone. A hierarchy never spans owners (the schema's
     * {@code tasks_owner_parent_fkey}), so one owner's moves do not wait for another's.
     */
    void lockHierarchy() {
        handle.createQuery("""
                SELECT count(*)
                  FROM (SELECT pg_advisory_xact_lock(hashtext('tasks.parent_id'), hashtext(CAST(:owner AS text)))) l""").bind("owner", user).mapTo(Integer.class).one();
    }

    /** Locks the task's row until the transaction ends, so that concurrent completions of it happen one by one. */
    void lock(long id) {
        handle.createQuery("SELECT id FROM tasks WHERE id = :id AND (owner_id = :user OR assignee_id = :user)"
                        + " FOR UPDATE")
                .bind("id", id)
                .bind("user", user)
                .mapTo(Long.class)
                .findOne();
    }

    /**
     * @return up to {@code query.limit()} tasks matching every filter, with ids above {@code query.afterId()}: the
     *     user's own, or with {@code query.delegated()} those delegated to the user
     */
    List<Task> list(TaskQuery query) {
        List<String> where = new ArrayList<>();
        List<Consumer<Query>> binds = new ArrayList<>();
        where.add(query.delegated() ? "t.assignee_id = :user" : "t.owner_id = :user");
        binds.add(q -> q.bind("user", user));
        where.add("t.id > :afterId");
        binds.add(q -> q.bind("afterId", query.afterId()));
        // One value is compared with "=": PostgreSQL (before 17) reads an index in order only when every column
        // before the sort column is compared with "=", so (owner_id, status, id) then serves ORDER BY id LIMIT n
        // without sorting all the user's tasks in that status; "= ANY" would need the sort.
        if (query.statuses().size() == 1) {
            where.add("t.status = :status");
            binds.add(q -> q.bind("status", names(query.statuses()).get(0)));
        } else if (!query.statuses().isEmpty()) {
            where.add("t.status = ANY (CAST(:statuses AS text[]))");
            binds.add(q -> q.bindArray("statuses", String.class, names(query.statuses())));
        }
        if (query.priorities().size() == 1) {
            where.add("t.priority = :priority");
            binds.add(q -> q.bind("priority", names(query.priorities()).get(0)));
        } else if (!query.priorities().isEmpty()) {
            where.add("t.priority = ANY (CAST(:priorities AS text[]))");
            binds.add(q -> q.bindArray("priorities", String.class, names(query.priorities())));
        }
        if (!query.tags().isEmpty()) {
            where.add("""
                    (SELECT count(*) FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
                      WHERE tt.task_id = t.id AND g.owner_id = t.owner_id
                        AND g.name = ANY (CAST(:tags AS text[]))) = :tagCount""");
            binds.add(q -> q.bindArray("tags", String.class, query.tags())
                    .bind("tagCount", query.tags().size()));
        }
        if (query.dueBefore() != null) {
            where.add("t.due < :dueBefore");
            binds.add(q -> q.bind("dueBefore", query.dueBefore()));
        }
        if (query.dueAfter() != null) {
            where.add("t.due > :dueAfter");
            binds.add(q -> q.bind("dueAfter", query.dueAfter()));
        }
        if (query.parentId() != null) {
            where.add("t.parent_id = :parentId");
            binds.add(q -> q.bind("parentId", query.parentId().longValue()));
        }
        if (query.projectId() != null) {
            where.add("t.project_id = :projectId");
            binds.add(q -> q.bind("projectId", query.projectId().longValue()));
        }
        // Only the fixed fragments above are concatenated; every value is a bound parameter.
        Query select = handle.createQuery("SELECT " + COLUMNS + " FROM tasks t WHERE " + String.join(" AND ", where)
                + " ORDER BY t.id LIMIT :limit");
        binds.forEach(bind -> bind.accept(select));
        return select.bind("limit", query.limit()).map(TaskDao::map).list();
    }

    /** Replaces the tags of a task the user owns, creating the user's tags that do not exist yet. */
    private void writeTags(long taskId, List<String> tags) {
        handle.createUpdate("DELETE FROM task_tags WHERE task_id = :task AND owner_id = :owner")
                .bind("task", taskId)
                .bind("owner", user)
                .execute();
        if (tags.isEmpty()) {
            return;
        }
        handle.createUpdate("""
                INSERT INTO tags (owner_id, name) SELECT :owner, unnest(CAST(:tags AS text[]))
                ON CONFLICT (owner_id, name) DO NOTHING""")
                .bind("owner", user)
                .bindArray("tags", String.class, tags)
                .execute();
        handle.createUpdate("""
                INSERT INTO task_tags (task_id, tag_id, owner_id)
                SELECT :task, id, owner_id FROM tags WHERE owner_id = :owner AND name = ANY (CAST(:tags AS text[]))""")
                .bind("task", taskId)
                .bind("owner", user)
                .bindArray("tags", String.class, tags)
                .execute();
    }

    private static List<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static <S extends SqlStatement<S>> S bindDraft(S statement, TaskDraft draft) {
        return statement
                .bind("title", draft.title())
                .bind("description", draft.description())
                .bindByType("due", draft.due(), Instant.class)
                .bind("priority", draft.priority().name())
                .bind("status", draft.status().name())
                .bindByType("parentId", draft.parentId(), Long.class)
                .bindByType("projectId", draft.projectId(), Long.class)
                .bind("completeWhenSubtasksDone", draft.completeWhenSubtasksDone())
                .bindByType("recurrence", draft.recurrence(), String.class);
    }

    private static Task map(ResultSet rs, StatementContext ctx) throws SQLException {
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        Delegation delegation = assignee == null
                ? null
                : new Delegation(
                        assignee,
                        DelegationState.valueOf(rs.getString("delegation_state")),
                        instant(rs, "delegated_at"));
        return new Task(
                rs.getLong("id"),
                rs.getObject("owner_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                instant(rs, "due"),
                Priority.valueOf(rs.getString("priority")),
                Status.valueOf(rs.getString("status")),
                tags(rs.getArray("tags")),
                rs.getObject("parent_id", Long.class),
                rs.getObject("project_id", Long.class),
                rs.getBoolean("complete_when_subtasks_done"),
                rs.getString("recurrence"),
                rs.getLong("series_id"),
                delegation,
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> tags(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}

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
 * SQL for one owner's rows of the {@code tasks} table, on one handle; the {@link TaskService} decides the
 * transactions. Every statement filters by the owner itself: the table's row-level security policy is the backstop,
 * not the only guard. Table names are unqualified: the handle's search path is the plugin's schema.
 */
final class TaskDao {

    private static final String COLUMNS =
            "id, title, description, due, priority, status, tags, parent_id, created_at, updated_at, completed_at";

    private final Handle handle;
    private final UUID owner;

    /** @param owner the user whose tasks this DAO reads and writes; other users' tasks do not exist for it */
    TaskDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    Task insert(TaskDraft draft) {
        Query insert = handle.createQuery("""
                INSERT INTO tasks (owner_id, title, description, due, priority, status, tags, parent_id,
                                   completed_at)
                VALUES (:owner, :title, :description, :due, :priority, :status, CAST(:tags AS text[]), :parentId,
                        CASE WHEN :status = 'COMPLETED' THEN now() END)
                RETURNING\s""" + COLUMNS);
        return bindDraft(insert, draft).bind("owner", owner).map(TaskDao::map).one();
    }

    Optional<Task> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(TaskDao::map)
                .findOne();
    }

    /**
     * Replaces the editable fields. {@code completed_at} keeps its value while the task stays completed, is set when
     * it becomes completed and cleared when it leaves that status.
     */
    Optional<Task> update(long id, TaskDraft draft) {
        Query update = handle.createQuery("""
                UPDATE tasks
                   SET title = :title, description = :description, due = :due, priority = :priority,
                       status = :status, tags = CAST(:tags AS text[]), parent_id = :parentId, updated_at = now(),
                       completed_at = CASE WHEN :status = 'COMPLETED' THEN coalesce(completed_at, now()) END
                 WHERE owner_id = :owner AND id = :id
                RETURNING\s""" + COLUMNS);
        return bindDraft(update, draft).bind("owner", owner).bind("id", id).map(TaskDao::map).findOne();
    }

    /** Deletes the task and, by ON DELETE CASCADE, its subtasks. @return whether the owner had the task */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM tasks WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .execute() > 0;
    }

    /** @return whether the owner has a task with this id (another user's task does not count) */
    boolean exists(long id) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM tasks WHERE owner_id = :owner AND id = :id)")
                .bind("owner", owner)
                .bind("id", id)
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
                .bind("owner", owner)
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
                  FROM (SELECT pg_advisory_xact_lock(hashtext('tasks.parent_id'), hashtext(CAST(:owner AS text)))) l""")
                .bind("owner", owner)
                .mapTo(Integer.class)
                .one();
    }

    /**
     * @return up to {@code query.limit()} of the owner's tasks matching every filter, with ids above
     *     {@code query.afterId()}
     */
    List<Task> list(TaskQuery query) {
        List<String> where = new ArrayList<>();
        List<Consumer<Query>> binds = new ArrayList<>();
        where.add("owner_id = :owner");
        binds.add(q -> q.bind("owner", owner));
        where.add("id > :afterId");
        binds.add(q -> q.bind("afterId", query.afterId()));
        if (!query.statuses().isEmpty()) {
            where.add("status = ANY (CAST(:statuses AS text[]))");
            binds.add(q -> q.bindArray("statuses", String.class, names(query.statuses())));
        }
        if (!query.priorities().isEmpty()) {
            where.add("priority = ANY (CAST(:priorities AS text[]))");
            binds.add(q -> q.bindArray("priorities", String.class, names(query.priorities())));
        }
        if (!query.tags().isEmpty()) {
            where.add("tags @> CAST(:tags AS text[])");
            binds.add(q -> q.bindArray("tags", String.class, query.tags()));
        }
        if (query.dueBefore() != null) {
            where.add("due < :dueBefore");
            binds.add(q -> q.bind("dueBefore", query.dueBefore()));
        }
        if (query.dueAfter() != null) {
            where.add("due > :dueAfter");
            binds.add(q -> q.bind("dueAfter", query.dueAfter()));
        }
        if (query.parentId() != null) {
            where.add("parent_id = :parentId");
            binds.add(q -> q.bind("parentId", query.parentId().longValue()));
        }
        // Only the fixed fragments above are concatenated; every value is a bound parameter.
        Query select = handle.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE " + String.join(" AND ", where)
                + " ORDER BY id LIMIT :limit");
        binds.forEach(bind -> bind.accept(select));
        return select.bind("limit", query.limit()).map(TaskDao::map).list();
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
                .bindArray("tags", String.class, draft.tags())
                .bindByType("parentId", draft.parentId(), Long.class);
    }

    private static Task map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Task(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("description"),
                instant(rs, "due"),
                Priority.valueOf(rs.getString("priority")),
                Status.valueOf(rs.getString("status")),
                tags(rs.getArray("tags")),
                rs.getObject("parent_id", Long.class),
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

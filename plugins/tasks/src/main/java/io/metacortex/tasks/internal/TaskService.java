package io.metacortex.tasks.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The task operations of one owner at a time, each in one transaction, with the rules that need the database: a
 * parent must exist and belong to the same owner, and a task may not become its own ancestor. Another user's task
 * is treated exactly like a missing one, so that its existence is never revealed.
 */
public final class TaskService {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jdbi jdbi;

    public TaskService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws ApiException 422 when the owner has no task with the parent's id */
    Task create(UUID owner, TaskDraft draft) {
        return onMissingParent(draft, () -> jdbi.inTransaction(handle -> {
            TaskDao dao = new TaskDao(handle, owner);
            requireParent(dao, draft);
            return dao.insert(draft);
        }));
    }

    Optional<Task> find(UUID owner, long id) {
        return jdbi.withHandle(handle -> new TaskDao(handle, owner).find(id));
    }

    /**
     * @throws ApiException 404 when the owner has no such task; 422 when the parent is missing (for the owner) or
     *     would make a cycle
     */
    Task replace(UUID owner, long id, TaskDraft draft) {
        return onMissingParent(draft, () -> jdbi.inTransaction(handle -> {
            TaskDao dao = new TaskDao(handle, owner);
            if (draft.parentId() != null) {
                dao.lockHierarchy();
                requireParent(dao, draft);
                if (dao.isSelfOrAncestor(id, draft.parentId())) {
                    throw ApiException.invalidBody(Map.of("parentId", id == draft.parentId()
                            ? "a task cannot be its own parent"
                            : "task " + draft.parentId() + " is a subtask of task " + id
                                    + "; a task cannot be its own ancestor"));
                }
            }
            return dao.update(id, draft).orElseThrow(() -> ApiException.taskNotFound(Long.toString(id)));
        }));
    }

    /** Deletes the task with its subtasks, recursively. @return whether the owner had the task */
    boolean delete(UUID owner, long id) {
        return jdbi.inTransaction(handle -> new TaskDao(handle, owner).delete(id));
    }

    TaskPage list(UUID owner, TaskQuery query) {
        List<Task> rows = jdbi.withHandle(handle -> new TaskDao(handle, owner).list(query.withLimit(query.limit() + 1)));
        if (rows.size() <= query.limit()) {
            return new TaskPage(rows, null);
        }
        List<Task> items = rows.subList(0, query.limit());
        return new TaskPage(List.copyOf(items), PageCursor.encode(items.get(items.size() - 1).id()));
    }

    private static void requireParent(TaskDao dao, TaskDraft draft) {
        if (draft.parentId() != null && !dao.exists(draft.parentId())) {
            throw missingParent(draft);
        }
    }

    /**
     * Turns the foreign-key failure of a parent deleted between check and write (or, were the check ever skipped,
     * of another owner's parent) into the same 422.
     */
    private static Task onMissingParent(TaskDraft draft, Supplier<Task> write) {
        try {
            return write.get();
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                throw missingParent(draft);
            }
            throw e;
        }
    }

    private static ApiException missingParent(TaskDraft draft) {
        return ApiException.invalidBody(Map.of("parentId", "no task with id " + draft.parentId()));
    }
}

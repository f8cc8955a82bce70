package io.metacortex.tasks.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The task operations, each in one transaction, with the rules that need the database: a parent must exist, and a
 * task may not become its own ancestor.
 */
public final class TaskService {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jdbi jdbi;

    public TaskService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws ApiException 422 when the parent does not exist */
    Task create(TaskDraft draft) {
        return onMissingParent(draft, () -> jdbi.inTransaction(handle -> {
            TaskDao dao = new TaskDao(handle);
            requireParent(dao, draft);
            return dao.insert(draft);
        }));
    }

    Optional<Task> find(long id) {
        return jdbi.withHandle(handle -> new TaskDao(handle).find(id));
    }

    /** @throws ApiException 404 when there is no such task; 422 when the parent is missing or would make a cycle */
    Task replace(long id, TaskDraft draft) {
        return onMissingParent(draft, () -> jdbi.inTransaction(handle -> {
            TaskDao dao = new TaskDao(handle);
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

    /** Deletes the task with its subtasks, recursively. @return whether the task existed */
    boolean delete(long id) {
        return jdbi.inTransaction(handle -> new TaskDao(handle).delete(id));
    }

    TaskPage list(TaskQuery query) {
        List<Task> rows = jdbi.withHandle(handle -> new TaskDao(handle).list(query.withLimit(query.limit() + 1)));
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

    /** Turns the foreign-key failure of a parent deleted between check and write into the same 422. */
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

package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.tasks.api.TaskSummary;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The task operations of one user at a time, each in one transaction, with the rules that need the database: a
 * parent and a project must exist and belong to the same owner, a task may not become its own ancestor, completing
 * a task may complete its parent and create the next instance of its series, and every change is written to the
 * task's history. A user sees the tasks they own and those delegated to them; any other task is treated exactly
 * like a missing one, so that its existence is never revealed. Every change publishes a durable event in its
 * transaction ({@link TaskEvents}); completions are also told to the deprecated {@link CompletionNotifier} after their
 * transaction committed.
 */
public final class TaskService {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String ASSIGNEE_EDITS =
            "only the task's owner can edit or delete it; as its assignee, change its status with"
                    + " PUT /api/tasks/{id}/status once you accepted it";

    private final Jdbi jdbi;
    private final Predicate<UUID> userExists;
    private final CompletionNotifier notifier;
    private final TaskEvents events;

    /** A service that cannot delegate (no user is known to exist), tells no listener and publishes no event. */
    public TaskService(Jdbi jdbi) {
        this(jdbi, id -> false, CompletionNotifier.NONE, TaskEvents.NONE);
    }

    /** A service that publishes no event. */
    public TaskService(Jdbi jdbi, Predicate<UUID> userExists, CompletionNotifier notifier) {
        this(jdbi, userExists, notifier, TaskEvents.NONE);
    }

    /**
     * @param userExists whether a user id names an existing, enabled user: who a task may be delegated to
     * @param notifier told of every completion
     * @param events publishes every change in its transaction
     */
    public TaskService(Jdbi jdbi, Predicate<UUID> userExists, CompletionNotifier notifier, TaskEvents events) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.userExists = Objects.requireNonNull(userExists);
        this.notifier = Objects.requireNonNull(notifier);
        this.events = Objects.requireNonNull(events);
    }

    Task create(UUID owner, TaskDraft draft) {
        return create(owner, ZoneOffset.UTC, draft);
    }

    /**
     * @param zone the owner's time zone, for the next instance when the task is created completed and recurs
     * @throws ApiException 422 when the owner has no task with the parent's id or no project with the project's id
     */
    Task create(UUID owner, ZoneId zone, TaskDraft draft) {
        List<TaskSummary> completed = new ArrayList<>();
        Task task = onMissingReference(
                draft,
                () -> jdbi.inTransaction(handle -> {
                    Work work = new Work(events, handle, owner, zone, completed);
                    requireParent(work.tasks, draft);
                    requireProject(work.handle, owner, draft);
                    Task created = work.tasks.insert(draft);
                    work.history.add(created, HistoryEvent.CREATED, Map.of());
                    work.events.created(handle, owner, created);
                    if (created.completed()) {
                        work.completed(created, Map.of());
                    }
                    return created;
                }));
        notifier.completed(owner, completed);
        return task;
    }

    /** @return the task, when the user owns it or it is delegated to them */
    Optional<Task> find(UUID user, long id) {
        return jdbi.withHandle(handle -> new TaskDao(handle, user).find(id));
    }

    /** @return the tasks among {@code ids} that the user owns or that are delegated to them, by id order */
    List<Task> findAll(UUID user, List<Long> ids) {
        return jdbi.withHandle(handle -> new TaskDao(handle, user).findAll(ids));
    }

    Task replace(UUID owner, long id, TaskDraft draft) {
        return replace(owner, ZoneOffset.UTC, id, draft);
    }

    /**
     * Replaces every editable field of a task the caller owns.
     *
     * @throws ApiException 404 when the user cannot see the task; 403 when it is only delegated to them; 422 when
     *     the parent or project is missing (for the owner) or the parent would make a cycle
     */
    Task replace(UUID owner, ZoneId zone, long id, TaskDraft draft) {
        List<TaskSummary> completed = new ArrayList<>();
        Task task = onMissingReference(
                draft,
                () -> jdbi.inTransaction(handle -> {
                    Work work = new Work(events, handle, owner, zone, completed);
                    work.tasks.lock(id);
                    Task before = work.owned(id);
                    if (draft.parentId() != null) {
                        work.tasks.lockHierarchy();
                        requireParent(work.tasks, draft);
                        if (work.tasks.isSelfOrAncestor(id, draft.parentId())) {
                            throw ApiException.invalidBody(Map.of(
                                    "parentId",
                                    id == draft.parentId()
                                            ? "a task cannot be its own parent"
                                            : "task " + draft.parentId() + " is a subtask of task " + id
                                                    + "; a task cannot be its own ancestor"));
                        }
                    }
                    requireProject(work.handle, owner, draft);
                    Task after =
                            work.tasks.update(id, draft).orElseThrow(() -> TaskErrors.taskNotFound(Long.toString(id)));
                    work.recordChange(before, after);
                    return after;
                }));
        notifier.completed(owner, completed);
        return task;
    }

    Task changeStatus(UUID user, long id, Status status) {
        return changeStatus(user, ZoneOffset.UTC, id, status);
    }

    /**
     * Sets the status of a task the user owns, or that is delegated to them and they accepted.
     *
     * @throws ApiException 404 when the user cannot see the task; 403 when it is delegated to them and they have
     *     not accepted
     */
    Task changeStatus(UUID user, ZoneId zone, long id, Status status) {
        List<TaskSummary> completed = new ArrayList<>();
        Task task = jdbi.inTransaction(handle -> {
            Work work = new Work(events, handle, user, zone, completed);
            work.tasks.lock(id);
            Task before = work.visible(id);
            if (!before.ownerId().equals(user) && before.delegation().state() != DelegationState.ACCEPTED) {
                throw TaskErrors.forbidden("accept the delegation (POST /api/tasks/" + id
                        + "/delegation/accept) before changing the task's status");
            }
            Task after =
                    work.tasks.updateStatus(id, status).orElseThrow(() -> TaskErrors.taskNotFound(Long.toString(id)));
            work.recordChange(before, after);
            return after;
        });
        notifier.completed(user, completed);
        return task;
    }

    /**
     * Deletes a task the user owns with its subtasks, recursively; the assignees of the deleted tasks that were
     * delegated get a notification.
     *
     * @return whether the user could see the task
     * @throws ApiException 403 when the task is only delegated to the user
     */
    boolean delete(UUID owner, long id) {
        return jdbi.inTransaction(handle -> {
            TaskDao tasks = new TaskDao(handle, owner);
            Optional<Task> task = tasks.find(id);
            if (task.isEmpty()) {
                return false;
            }
            if (!task.get().ownerId().equals(owner)) {
                throw TaskErrors.forbidden(ASSIGNEE_EDITS);
            }
            NotificationDao notifications = new NotificationDao(handle, owner);
            tasks.delegatedInSubtree(id).forEach(notifications::taskDeleted);
            boolean deleted = tasks.delete(id);
            if (deleted) {
                events.deleted(handle, owner, task.get());
            }
            return deleted;
        });
    }

    /**
     * Delegates a task the caller owns to another user, pending their answer (delegating again replaces the
     * assignee and asks anew).
     *
     * @throws ApiException 404 when the caller cannot see the task; 403 when it is only delegated to them; 422 when
     *     the assignee is the caller or no such user exists
     */
    Task delegate(UUID owner, long id, UUID assignee) {
        if (assignee.equals(owner)) {
            throw ApiException.invalidBody(Map.of("assigneeId", "must be another user than the task's owner"));
        }
        if (!userExists.test(assignee)) {
            throw ApiException.invalidBody(Map.of("assigneeId", "no user with id " + assignee));
        }
        return jdbi.inTransaction(handle -> {
            Work work = new Work(events, handle, owner, ZoneOffset.UTC, new ArrayList<>());
            work.owned(id);
            Task task = work.tasks.delegate(id, assignee).orElseThrow(() -> TaskErrors.taskNotFound(Long.toString(id)));
            work.history.add(task, HistoryEvent.DELEGATED, Map.of("assigneeId", assignee.toString()));
            events.updated(handle, owner, task);
            return task;
        });
    }

    /**
     * The assignee's answer to a pending delegation.
     *
     * @throws ApiException 404 when the caller cannot see the task; 403 when the caller is not its assignee; 409 when
     *     the delegation was already answered
     */
    Task answerDelegation(UUID assignee, long id, boolean accept) {
        return jdbi.inTransaction(handle -> {
            Work work = new Work(events, handle, assignee, ZoneOffset.UTC, new ArrayList<>());
            work.tasks.lock(id);
            Task task = work.visible(id);
            if (task.delegation() == null || !task.delegation().assigneeId().equals(assignee)) {
                throw TaskErrors.forbidden("only the user the task is delegated to can accept or decline it");
            }
            if (task.delegation().state() != DelegationState.PENDING) {
                throw TaskErrors.conflict(
                        "delegation already answered",
                        "delegation",
                        "was already " + task.delegation().state().name().toLowerCase(java.util.Locale.ROOT));
            }
            DelegationState answer = accept ? DelegationState.ACCEPTED : DelegationState.DECLINED;
            Task answered = work.tasks
                    .answerDelegation(id, answer)
                    .orElseThrow(() -> TaskErrors.taskNotFound(Long.toString(id)));
            work.history.add(answered, accept ? HistoryEvent.ACCEPTED : HistoryEvent.DECLINED, Map.of());
            events.updated(handle, assignee, answered);
            return answered;
        });
    }

    /** @throws ApiException 404 when the user cannot see the task */
    Page<HistoryEntry> history(UUID user, long id, PageRequest page) {
        return jdbi.withHandle(handle -> {
            new TaskDao(handle, user).find(id).orElseThrow(() -> TaskErrors.taskNotFound(Long.toString(id)));
            List<HistoryEntry> rows = new HistoryDao(handle, user).list(id, page.withExtraRow());
            return Page.of(rows, page, HistoryEntry::id);
        });
    }

    Page<Notification> notifications(UUID user, PageRequest page) {
        return jdbi.withHandle(
                handle -> Page.of(new NotificationDao(handle, user).list(page.withExtraRow()), page, Notification::id));
    }

    TaskPage list(UUID user, TaskQuery query) {
        List<Task> rows = jdbi.withHandle(handle -> new TaskDao(handle, user).list(query.withLimit(query.limit() + 1)));
        if (rows.size() <= query.limit()) {
            return new TaskPage(rows, null);
        }
        List<Task> items = rows.subList(0, query.limit());
        return new TaskPage(
                List.copyOf(items),
                PageCursor.encode(items.get(items.size() - 1).id()));
    }

    static TaskSummary summary(Task task) {
        return new TaskSummary(
                task.id(),
                task.seriesId(),
                task.ownerId(),
                task.title(),
                task.status().name(),
                task.due(),
                task.completedAt());
    }

    private static void requireParent(TaskDao dao, TaskDraft draft) {
        if (draft.parentId() != null && !dao.exists(draft.parentId())) {
            throw missingParent(draft);
        }
    }

    private static void requireProject(Handle handle, UUID owner, TaskDraft draft) {
        if (draft.projectId() != null
                && new ProjectDao(handle, owner).find(draft.projectId()).isEmpty()) {
            throw missingProject(draft);
        }
    }

    /**
     * Turns the foreign-key failure of a parent or project deleted between check and write (or, were the check ever
     * skipped, of another owner's) into the same 422.
     */
    private static Task onMissingReference(TaskDraft draft, Supplier<Task> write) {
        try {
            return write.get();
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage());
                throw message.contains("tasks_owner_project_fkey") ? missingProject(draft) : missingParent(draft);
            }
            throw e;
        }
    }

    private static ApiException missingParent(TaskDraft draft) {
        return ApiException.invalidBody(Map.of("parentId", "no task with id " + draft.parentId()));
    }

    private static ApiException missingProject(TaskDraft draft) {
        return ApiException.invalidBody(Map.of("projectId", "no project with id " + draft.projectId()));
    }

    /** One transaction's DAOs, acting as one user, and the completions it makes. */
    private static final class Work {

        final Handle handle;
        final UUID user;
        final ZoneId zone;
        final TaskDao tasks;
        final HistoryDao history;
        final List<TaskSummary> completed;
        final TaskEvents events;

        Work(TaskEvents events, Handle handle, UUID user, ZoneId zone, List<TaskSummary> completed) {
            this.events = events;
            this.handle = handle;
            this.user = user;
            this.zone = zone;
            this.tasks = new TaskDao(handle, user);
            this.history = new HistoryDao(handle, user);
            this.completed = completed;
        }

        Task visible(long id) {
            return tasks.find(id).orElseThrow(() -> TaskErrors.taskNotFound(Long.toString(id)));
        }

        Task owned(long id) {
            Task task = visible(id);
            if (!task.ownerId().equals(user)) {
                throw TaskErrors.forbidden(ASSIGNEE_EDITS);
            }
            return task;
        }

        /** Writes the history of a change from {@code before} to {@code after}, and follows up a completion. */
        void recordChange(Task before, Task after) {
            boolean completing = !before.completed() && after.completed();
            boolean reopening = before.completed() && !after.completed();
            Map<String, Object> changes = TaskChanges.between(before, after, completing || reopening);
            if (!changes.isEmpty()) {
                history.add(after, HistoryEvent.UPDATED, changes);
            }
            events.updated(handle, user, after);
            if (reopening) {
                history.add(
                        after,
                        HistoryEvent.REOPENED,
                        Map.of("status", after.status().name()));
            }
            if (completing) {
                completed(after, Map.of());
            }
        }

        /**
         * Follows up a task that just became completed: its history, the next instance of its series, and its
         * parent when that completes with its subtasks (recursively up the tree).
         */
        void completed(Task task, Map<String, ?> details) {
            history.add(task, HistoryEvent.COMPLETED, details);
            completed.add(summary(task));
            events.completed(handle, user, task);
            if (task.recurrence() != null && task.due() != null) {
                tasks.recurrenceStart(task.id())
                        .flatMap(start -> Recurrence.next(task.recurrence(), start, task.due(), zone))
                        .flatMap(due -> tasks.insertNext(task, due))
                        .ifPresent(next -> {
                            history.add(next, HistoryEvent.CREATED, Map.of("previousId", task.id()));
                            events.created(handle, user, next);
                        });
            }
            if (task.parentId() != null) {
                completeParentIfDone(task.parentId());
            }
        }

        /**
         * Completes the parent when it asks for it and has no open subtask left. Only the parent's owner does so:
         * an assignee may not see every subtask of it.
         */
        private void completeParentIfDone(long parentId) {
            tasks.lock(parentId);
            Optional<Task> parent = tasks.find(parentId);
            if (parent.isEmpty()
                    || !parent.get().ownerId().equals(user)
                    || !parent.get().completeWhenSubtasksDone()
                    || parent.get().completed()
                    || tasks.hasOpenSubtasks(parentId)) {
                return;
            }
            tasks.updateStatus(parentId, Status.COMPLETED).ifPresent(done -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("reason", "all subtasks completed");
                completed(done, details);
            });
        }
    }
}

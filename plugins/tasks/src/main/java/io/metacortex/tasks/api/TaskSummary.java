package io.metacortex.tasks.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What another plugin may know of a task.
 *
 * @param id the task id
 * @param seriesId the id of the first task of its recurrence series (completing a recurring task creates the next
 *     task of the series); the task's own id when it does not recur
 * @param ownerId the user who owns the task
 * @param title the title
 * @param status {@code PENDING}, {@code IN_PROGRESS}, {@code COMPLETED} or {@code BLOCKED}; more may come in 1.x
 * @param due when it is due, or {@code null}
 * @param completedAt when it was completed, or {@code null} unless {@code COMPLETED}
 */
public record TaskSummary(
        long id, long seriesId, UUID ownerId, String title, String status, Instant due, Instant completedAt) {

    public TaskSummary {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
    }

    /** @return whether the task is completed */
    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}

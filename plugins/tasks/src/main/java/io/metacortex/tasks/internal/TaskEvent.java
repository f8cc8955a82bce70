package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * The payload of the tasks plugin's events ({@code task.created}, {@code task.updated}, {@code task.completed},
 * {@code task.deleted}), as JSON: the task as it is after the change (before it, for {@code task.deleted}).
 *
 * @param userId the user who made the change: the owner, or the user the task is delegated to
 */
public record TaskEvent(
        long id,
        long seriesId,
        UUID ownerId,
        UUID userId,
        String title,
        String status,
        Long parentId,
        Instant due,
        Instant completedAt) {

    static TaskEvent of(UUID user, Task task) {
        return new TaskEvent(
                task.id(),
                task.seriesId(),
                task.ownerId(),
                user,
                task.title(),
                task.status().name(),
                task.parentId(),
                task.due(),
                task.completedAt());
    }
}

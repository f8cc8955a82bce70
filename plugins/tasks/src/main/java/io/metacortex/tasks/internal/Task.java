package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.List;

/**
 * A stored task, as the API returns it.
 *
 * @param tags normalised: trimmed, lower-case, unique, sorted
 * @param parentId the task this is a subtask of, or null for a top-level task
 * @param completedAt when the task last became {@link Status#COMPLETED}; null unless it is completed
 */
public record Task(
        long id,
        String title,
        String description,
        Instant due,
        Priority priority,
        Status status,
        List<String> tags,
        Long parentId,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {
}

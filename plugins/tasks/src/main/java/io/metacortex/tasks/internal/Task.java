package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored task, as the API returns it.
 *
 * @param ownerId the user who owns the task
 * @param tags normalised: trimmed, lower-case, unique, sorted
 * @param parentId the task this is a subtask of, or null for a top-level task
 * @param projectId the owner's project the task belongs to, or null
 * @param completeWhenSubtasksDone whether completing the last open subtask completes this task too
 * @param recurrence the iCalendar RRULE the task repeats by, or null
 * @param seriesId the id of the first task of its recurrence series; its own id when it does not recur
 * @param delegation to whom the owner delegated the task and where that stands, or null
 * @param completedAt when the task last became {@link Status#COMPLETED}; null unless it is completed
 */
public record Task(
        long id,
        UUID ownerId,
        String title,
        String description,
        Instant due,
        Priority priority,
        Status status,
        List<String> tags,
        Long parentId,
        Long projectId,
        boolean completeWhenSubtasksDone,
        String recurrence,
        long seriesId,
        Delegation delegation,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    boolean completed() {
        return status == Status.COMPLETED;
    }
}

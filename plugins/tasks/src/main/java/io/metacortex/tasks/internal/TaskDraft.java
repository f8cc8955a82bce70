package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.List;

/**
 * The editable fields of a task once validated and normalised; what gets written to the database.
 *
 * @param recurrence a valid RRULE (then {@code due} is set), or null
 */
record TaskDraft(
        String title,
        String description,
        Instant due,
        Priority priority,
        Status status,
        List<String> tags,
        Long parentId,
        Long projectId,
        boolean completeWhenSubtasksDone,
        String recurrence) {

    /** A draft in no project, not recurring, not completing with its subtasks. */
    TaskDraft(
            String title,
            String description,
            Instant due,
            Priority priority,
            Status status,
            List<String> tags,
            Long parentId) {
        this(title, description, due, priority, status, tags, parentId, null, false, null);
    }
}

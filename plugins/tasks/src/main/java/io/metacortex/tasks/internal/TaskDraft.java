package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.List;

/** The editable fields of a task once validated and normalised; what gets written to the database. */
record TaskDraft(
        String title,
        String description,
        Instant due,
        Priority priority,
        Status status,
        List<String> tags,
        Long parentId) {
}

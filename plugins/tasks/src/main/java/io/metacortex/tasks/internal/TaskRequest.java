package io.metacortex.tasks.internal;

import java.util.List;

/**
 * The body of {@code POST /api/tasks} and {@code PUT /api/tasks/{id}}: every editable field, as sent. Enums, the
 * due date and the recurrence rule arrive as text so that a bad value becomes a 422 naming its field
 * ({@link TaskRequestValidator}) instead of a generic JSON parse error.
 */
public record TaskRequest(
        String title,
        String description,
        String due,
        String priority,
        String status,
        List<String> tags,
        Long parentId,
        Long projectId,
        Boolean completeWhenSubtasksDone,
        String recurrence) {

    /** A request without project, recurrence and {@code completeWhenSubtasksDone}. */
    public TaskRequest(String title, String description, String due, String priority, String status,
            List<String> tags, Long parentId) {
        this(title, description, due, priority, status, tags, parentId, null, null, null);
    }
}

package io.metacortex.tasks.internal;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /api/tasks} and {@code PUT /api/tasks/{id}}: every editable field, as sent. Enums, the
 * due date and the recurrence rule arrive as text so that a bad value becomes a 422 naming its field
 * ({@link TaskRequestValidator}) instead of a generic JSON parse error.
 */
public record TaskRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TaskRequestValidator.MAX_TITLE)
        String title,

        @Schema(maxLength = TaskRequestValidator.MAX_DESCRIPTION)
        String description,

        @Schema(format = "date-time", description = "ISO-8601; required with a recurrence")
        String due,

        @Schema(implementation = Priority.class, description = "MEDIUM when absent")
        String priority,

        @Schema(implementation = Status.class, description = "PENDING when absent")
        String status,

        @ArraySchema(schema = @Schema(description = "A tag name, created when first used"))
        List<String> tags,

        Long parentId,
        Long projectId,
        Boolean completeWhenSubtasksDone,

        @Schema(description = "An iCalendar RRULE, e.g. FREQ=WEEKLY;BYDAY=MO")
        String recurrence) {

    /** A request without project, recurrence and {@code completeWhenSubtasksDone}. */
    public TaskRequest(
            String title,
            String description,
            String due,
            String priority,
            String status,
            List<String> tags,
            Long parentId) {
        this(title, description, due, priority, status, tags, parentId, null, null, null);
    }
}

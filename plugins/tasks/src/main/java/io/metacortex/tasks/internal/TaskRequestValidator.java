package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.EnumValues;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.Tags;
import java.time.Instant;
import java.util.List;

/**
 * Turns a {@link TaskRequest} into a {@link TaskDraft}, or fails with a 422 naming every invalid field. Checks that
 * need the database (the parent and project exist, no cycles) are the {@link TaskService}'s.
 */
final class TaskRequestValidator {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 20_000;

    private TaskRequestValidator() {}

    /**
     * @param request the body as sent; null when the client sent none
     * @return the normalised draft; absent priority and status take their defaults (MEDIUM, PENDING)
     * @throws ApiException 422 when a field is invalid
     */
    static TaskDraft validate(TaskRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the task's fields");
        }
        FieldErrors errors = new FieldErrors();
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty()) {
            errors.add("title", "must not be blank");
        } else if (length(title) > MAX_TITLE) {
            errors.add("title", "must be at most " + MAX_TITLE + " characters");
        }
        if (request.description() != null && length(request.description()) > MAX_DESCRIPTION) {
            errors.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        Instant due = null;
        if (request.due() != null) {
            due = Instants.parse(request.due()).orElse(null);
            if (due == null) {
                errors.add("due", Instants.MESSAGE);
            }
        }
        Priority priority = request.priority() == null
                ? Priority.MEDIUM
                : EnumValues.parse(Priority.class, request.priority()).orElse(null);
        if (priority == null) {
            errors.add("priority", EnumValues.mustBeOneOf(Priority.class));
        }
        Status status = request.status() == null
                ? Status.PENDING
                : EnumValues.parse(Status.class, request.status()).orElse(null);
        if (status == null) {
            errors.add("status", EnumValues.mustBeOneOf(Status.class));
        }
        List<String> tags = null;
        try {
            tags = Tags.normaliseAll(request.tags());
        } catch (IllegalArgumentException e) {
            errors.add("tags", e.getMessage());
        }
        if (request.parentId() != null && request.parentId() <= 0) {
            errors.add("parentId", "no task with id " + request.parentId());
        }
        if (request.projectId() != null && request.projectId() <= 0) {
            errors.add("projectId", "no project with id " + request.projectId());
        }
        String recurrence = null;
        if (request.recurrence() != null && !request.recurrence().isBlank()) {
            recurrence = Recurrence.normalise(request.recurrence()).orElse(null);
            if (recurrence == null) {
                errors.add("recurrence", Recurrence.MESSAGE);
            } else if (request.due() == null) {
                errors.add("due", "a recurring task needs a due date, the first time it is due");
            }
        }
        errors.throwIfAny(ApiException::invalidBody);
        return new TaskDraft(
                title,
                request.description(),
                due,
                priority,
                status,
                tags,
                request.parentId(),
                request.projectId(),
                Boolean.TRUE.equals(request.completeWhenSubtasksDone()),
                recurrence);
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

package io.metacortex.tasks.internal;

/** The body of {@code POST /api/tasks/{id}/delegate}: {@code {"assigneeId": "<user id>"}}, the id as text. */
public record DelegateRequest(String assigneeId) {
}

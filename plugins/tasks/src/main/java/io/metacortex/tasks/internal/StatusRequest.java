package io.metacortex.tasks.internal;

/** The body of {@code PUT /api/tasks/{id}/status}: {@code {"status": "COMPLETED"}}. */
public record StatusRequest(String status) {
}

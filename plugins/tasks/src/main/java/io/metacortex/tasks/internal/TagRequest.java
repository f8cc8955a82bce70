package io.metacortex.tasks.internal;

/** The body of {@code PUT/PATCH /api/tasks/tags/{id}}: the new name. */
public record TagRequest(String name) {
}

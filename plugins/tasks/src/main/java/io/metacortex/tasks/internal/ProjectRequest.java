package io.metacortex.tasks.internal;

/** The body of {@code POST /api/tasks/projects} and {@code PUT /api/tasks/projects/{id}}. */
public record ProjectRequest(String name) {
}

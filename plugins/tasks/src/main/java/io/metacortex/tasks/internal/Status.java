package io.metacortex.tasks.internal;

/** Where a task stands. A task gets a {@code completedAt} while it is {@link #COMPLETED}. */
public enum Status {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    BLOCKED
}

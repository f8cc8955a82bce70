package io.metacortex.tasks.internal;

/** How important a task is. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH
}

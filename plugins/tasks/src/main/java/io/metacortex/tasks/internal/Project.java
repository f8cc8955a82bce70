package io.metacortex.tasks.internal;

import java.time.Instant;

/** A user's project, a named group of their tasks. */
public record Project(long id, String name, Instant createdAt, Instant updatedAt) {}

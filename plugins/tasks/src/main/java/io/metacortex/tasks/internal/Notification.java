package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a user is told about a task they can no longer see.
 *
 * @param event {@code TASK_DELETED}: the owner deleted a task delegated to the user
 * @param actorId who did it
 * @param taskId the id the task had
 * @param taskTitle the title it had
 */
public record Notification(long id, String event, UUID actorId, long taskId, String taskTitle, Instant at) {}

package io.metacortex.tasks.api;

import java.util.UUID;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a user completes a task. A plugin offers an implementation with {@code
 * context.provideService(TaskCompletionListener.class, listener)}; the tasks plugin calls every listener offered,
 * in the completing request, after the completion is stored. A listener that throws is logged and does not undo
 * the completion; a listener should be quick.
 *
 * @deprecated since tasks 1.3: the call is in memory, after the commit, and lost when the listener is not active
 *     then. Subscribe to the tasks plugin's durable event {@code task.completed} instead: {@code
 *     context.events().subscribe("tasks", "task.completed", ...)}, whose payload has {@code id}, {@code seriesId},
 *     {@code ownerId}, {@code userId}, {@code title}, {@code status}, {@code parentId}, {@code due} and {@code
 *     completedAt}.
 */
@Deprecated(since = "1.3")
@ConsumerType
public interface TaskCompletionListener {

    /**
     * @param userId the user who completed the task (its owner, or the user it is delegated to)
     * @param task the task as it is now, completed
     */
    void taskCompleted(UUID userId, TaskSummary task);
}

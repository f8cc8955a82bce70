package io.metacortex.habits.internal;

import java.util.UUID;

/**
 * Whether a habit may be linked to a task: the plugin's view of the tasks plugin, free of its types so that the
 * habits plugin loads without it. {@link TasksBridge} implements it over the tasks plugin's {@code TaskDirectory}.
 */
@FunctionalInterface
public interface TaskLinks {

    /** Without the tasks plugin nothing can be checked, so every task id is accepted as it is. */
    TaskLinks UNCHECKED = (owner, taskId) -> true;

    /**
     * @return false only when the tasks plugin is there to ask and {@code owner} has no task {@code taskId}; true
     *     when the task exists, or when no task directory is available right now
     */
    boolean mayLink(UUID owner, long taskId);
}

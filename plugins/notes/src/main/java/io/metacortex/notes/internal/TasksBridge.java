package io.metacortex.notes.internal;

import io.metacortex.plugin.api.PluginContext;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The only class of the notes plugin that refers to the tasks plugin's API ({@code io.metacortex.tasks.api}). Load
 * it only once {@link TasksPluginLookup#tasksApiWired()} said the package is there.
 */
final class TasksBridge {

    private TasksBridge() {}

    /**
     * @return the tasks among {@code taskIds} that {@code userId} may see, by id; empty when no active plugin offers
     *     a {@link TaskDirectory}
     */
    static Optional<Map<Long, LinkedTask>> findAll(PluginContext context, UUID userId, List<Long> taskIds) {
        List<TaskDirectory> directories = context.services(TaskDirectory.class);
        if (directories.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, LinkedTask> found = new HashMap<>();
        for (TaskSummary task : directories.get(0).findAll(userId, taskIds).values()) {
            found.put(task.id(), new LinkedTask(task.id(), task.title(), task.status()));
        }
        return Optional.of(found);
    }
}

package io.metacortex.calendar.internal;

import io.metacortex.plugin.api.PluginContext;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The only class of the calendar plugin that refers to the tasks plugin's API. Load it only once {@link
 * TasksPluginLookup#tasksApiWired()} said the package is there.
 */
final class TasksBridge {

    private TasksBridge() {}

    static Optional<Map<Long, LinkedTask>> findAll(PluginContext context, UUID userId, Collection<Long> taskIds) {
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

package io.metacortex.tasks.internal;

import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The {@link TaskDirectory} the plugin offers other plugins: tasks as their owner or assignee sees them. */
public final class TaskDirectoryService implements TaskDirectory {

    private final TaskService tasks;

    public TaskDirectoryService(TaskService tasks) {
        this.tasks = Objects.requireNonNull(tasks);
    }

    @Override
    public Optional<TaskSummary> find(UUID userId, long taskId) {
        return tasks.find(userId, taskId).map(TaskService::summary);
    }

    @Override
    public Map<Long, TaskSummary> findAll(UUID userId, Collection<Long> taskIds) {
        List<Long> ids = taskIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, TaskSummary> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            tasks.findAll(userId, ids).forEach(task -> found.put(task.id(), TaskService.summary(task)));
        }
        return found;
    }
}

package io.metacortex.calendar.internal;

import io.metacortex.plugin.api.PluginContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the tasks plugin's {@code TaskDirectory}, when there is one, as notes does: the bundle imports
 * {@code io.metacortex.tasks.api} with {@code resolution:=optional}, so this class never names those types; it checks
 * that the package is wired, and only then calls {@link TasksBridge}, the one class that does.
 */
public final class TasksPluginLookup implements TaskLookup {

    private static final Logger LOG = LoggerFactory.getLogger(TasksPluginLookup.class);
    static final String TASK_DIRECTORY = "io.metacortex.tasks.api.TaskDirectory";

    private final PluginContext context;

    public TasksPluginLookup(PluginContext context) {
        this.context = context;
    }

    @Override
    public Map<Long, LinkedTask> find(UUID userId, Collection<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        if (!tasksApiWired()) {
            return unavailable(taskIds);
        }
        Optional<Map<Long, LinkedTask>> found;
        try {
            found = TasksBridge.findAll(context, userId, taskIds);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The tasks plugin could not look up the tasks of events: {}", e.toString());
            return unavailable(taskIds);
        }
        if (found.isEmpty()) {
            return unavailable(taskIds);
        }
        Map<Long, LinkedTask> answer = new HashMap<>();
        taskIds.forEach(id -> answer.put(id, found.get().getOrDefault(id, LinkedTask.notFound(id))));
        return answer;
    }

    /** @return whether this bundle is wired to a tasks plugin's {@code io.metacortex.tasks.api} package now */
    static boolean tasksApiWired() {
        try {
            Class.forName(TASK_DIRECTORY, false, TasksPluginLookup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Map<Long, LinkedTask> unavailable(Collection<Long> taskIds) {
        Map<Long, LinkedTask> answer = new HashMap<>();
        taskIds.forEach(id -> answer.put(id, LinkedTask.unavailable(id)));
        return answer;
    }
}

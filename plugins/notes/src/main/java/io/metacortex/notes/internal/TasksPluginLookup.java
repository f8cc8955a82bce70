package io.metacortex.notes.internal;

import io.metacortex.plugin.api.PluginContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the tasks plugin's {@code TaskDirectory}, when there is one, at each lookup. The bundle imports
 * {@code io.metacortex.tasks.api} with {@code resolution:=optional}: without the tasks plugin (or with a version this
 * bundle is not wired to) the package is missing, and any class referring to it would fail to link, for good, in
 * this class loader. So this class never names those types: it checks that the package is wired first, and only
 * then calls {@link TasksBridge}, the one class that does. The host re-wires (and restarts) this plugin when tasks
 * is installed, upgraded, disabled or removed, so a check that failed once is made again on a fresh class loader.
 */
public final class TasksPluginLookup implements TaskLookup {

    private static final Logger LOG = LoggerFactory.getLogger(TasksPluginLookup.class);
    static final String TASK_DIRECTORY = "io.metacortex.tasks.api.TaskDirectory";

    private final PluginContext context;

    public TasksPluginLookup(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<LinkedTask> find(UUID userId, List<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        if (!tasksApiWired()) {
            return unavailable(taskIds);
        }
        Optional<Map<Long, LinkedTask>> found;
        try {
            found = TasksBridge.findAll(context, userId, taskIds);
        } catch (RuntimeException | LinkageError e) {
            // The tasks plugin failed, or went away between the check and the call: the note is still worth showing.
            LOG.warn("The tasks plugin could not look up the tasks of a note: {}", e.toString());
            return unavailable(taskIds);
        }
        return found.map(tasks -> taskIds.stream()
                        .map(id -> tasks.getOrDefault(id, LinkedTask.notFound(id)))
                        .toList())
                .orElseGet(() -> unavailable(taskIds));
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

    private static List<LinkedTask> unavailable(List<Long> taskIds) {
        return taskIds.stream().map(LinkedTask::unavailable).toList();
    }
}

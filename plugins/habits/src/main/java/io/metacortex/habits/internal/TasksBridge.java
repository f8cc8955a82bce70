package io.metacortex.habits.internal;

import io.metacortex.plugin.api.PluginContext;
import io.metacortex.tasks.api.TaskDirectory;
import java.util.List;

/**
 * Everything of the habits plugin that refers to the tasks plugin's API ({@code io.metacortex.tasks.api}), which the
 * bundle imports with {@code resolution:=optional}. Load this class only once that package is known to be wired
 * ({@code HabitsPlugin} checks): when it is not, linking this class would fail, and a class that failed to link
 * once can never be loaded again by the same class loader.
 */
public final class TasksBridge {

    private TasksBridge() {}

    /**
     * Returns the task check for habit writes. (Completed tasks check habits in through the tasks plugin's durable
     * event, {@link TaskCompletions}, which needs no class of the tasks plugin.)
     *
     * @return {@link TaskLinks} over the tasks plugin's {@link TaskDirectory}, looked up at each use
     */
    public static TaskLinks connect(PluginContext context) {
        return links(context);
    }

    /** @return a check that asks the first task directory offered, and accepts any id while none is */
    static TaskLinks links(PluginContext context) {
        return (owner, taskId) -> {
            List<TaskDirectory> directories = context.services(TaskDirectory.class);
            return directories.isEmpty()
                    || directories.get(0).find(owner, taskId).isPresent();
        };
    }
}

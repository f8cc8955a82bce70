package io.metacortex.habits.internal;

import io.metacortex.plugin.api.PluginContext;
import io.metacortex.tasks.api.TaskCompletionListener;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Everything of the habits plugin that refers to the tasks plugin's API ({@code io.metacortex.tasks.api}), which the
 * bundle imports with {@code resolution:=optional}. Load this class only once that package is known to be wired
 * ({@code HabitsPlugin} checks): when it is not, linking this class would fail, and a class that failed to link
 * once can never be loaded again by the same class loader.
 */
public final class TasksBridge {

    private TasksBridge() {}

    /**
     * Offers the task completion listener (while the plugin is active) and returns the task check for habit writes.
     * Call during {@code Plugin.start}.
     *
     * @return {@link TaskLinks} over the tasks plugin's {@link TaskDirectory}, looked up at each use
     */
    public static TaskLinks connect(PluginContext context, CheckInService checkIns) {
        context.provideService(TaskCompletionListener.class, listener(checkIns));
        return links(context);
    }

    /**
     * The listener: when a user completes a task, checks in today every active habit of theirs linked to the task or
     * to its recurrence series ({@link CheckInService#checkInLinkedHabits}).
     */
    static TaskCompletionListener listener(CheckInService checkIns) {
        Objects.requireNonNull(checkIns);
        // A task that does not recur is its own series: the two ids are then the same.
        return (UUID userId, TaskSummary task) ->
                checkIns.checkInLinkedHabits(userId, new TreeSet<>(List.of(task.id(), task.seriesId())));
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

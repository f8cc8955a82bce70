package io.metacortex.habits;

import io.metacortex.habits.internal.CheckInService;
import io.metacortex.habits.internal.HabitResource;
import io.metacortex.habits.internal.HabitService;
import io.metacortex.habits.internal.StatsService;
import io.metacortex.habits.internal.TaskCompletions;
import io.metacortex.habits.internal.TaskLinks;
import io.metacortex.habits.internal.TasksBridge;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The habits plugin: the habit routes under {@code /api/habits}, backed by the {@code plugin_habits} schema. Works
 * with the tasks plugin when it is there and without it: completed tasks check their habits in through the tasks
 * plugin's durable event {@code task.completed} ({@link TaskCompletions}), and linked tasks are checked through its
 * API package, imported optionally: {@link TasksBridge} is touched only once it is wired.
 */
public final class HabitsPlugin implements Plugin {

    static final String TASKS_API_PROBE = "io.metacortex.tasks.api.TaskDirectory";

    @Override
    public void start(PluginContext context) {
        Clock clock = Clock.systemUTC();
        Jdbi jdbi = context.jdbi();
        CheckInService checkIns = new CheckInService(jdbi, clock);
        TaskCompletions.subscribe(context.events(), checkIns);
        TaskLinks tasks = tasksApiWired() ? TasksBridge.connect(context) : TaskLinks.UNCHECKED;
        context.registerResource(
                new HabitResource(new HabitService(jdbi, clock, tasks), checkIns, new StatsService(jdbi, clock)));
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(jdbi, "habits"));
    }

    /**
     * @return whether this bundle is wired to the tasks plugin's API package: the host wires the optional import when
     *     a tasks plugin exporting it is installed, and re-wires (restarting this plugin) when that changes
     */
    static boolean tasksApiWired() {
        try {
            Class.forName(TASKS_API_PROBE, false, HabitsPlugin.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

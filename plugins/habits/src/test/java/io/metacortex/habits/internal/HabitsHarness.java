package io.metacortex.habits.internal;

import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.time.Clock;

/** The habit routes as the plugin builds them, on a test class's database, with a clock the test sets. */
final class HabitsHarness {

    private HabitsHarness() {}

    /** The routes with every service on {@code clock} and habits linked to tasks unchecked (no tasks plugin). */
    static HabitResource resource(PluginDatabaseExtension db, Clock clock) {
        return new HabitResource(
                new HabitService(db.jdbi(), clock, TaskLinks.UNCHECKED),
                new CheckInService(db.jdbi(), clock),
                new StatsService(db.jdbi(), clock));
    }
}

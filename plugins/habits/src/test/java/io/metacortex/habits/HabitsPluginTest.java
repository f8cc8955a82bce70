package io.metacortex.habits;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.metacortex.habits.internal.HabitResource;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@link HabitsPlugin#start} registers, with the tasks API on the classpath (as when the bundle is wired to it).
 * Without it, the host tests install the bundle alone: {@code HabitsThroughHostTest}.
 */
class HabitsPluginTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("habits", HabitsPlugin.class);

    @Test
    void startRegistersTheRoutesAndSubscribesToCompletedTasks() throws Exception {
        assertThat(HabitsPlugin.tasksApiWired()).isTrue();

        TestPluginContext context = TestPluginContext.of(DB.database()).start(new HabitsPlugin());

        assertThat(context.resources()).hasExactlyElementsOfTypes(HabitResource.class, ApiExceptionMapper.class);
        assertThat(context.healthChecks()).containsOnlyKeys("database");
        HealthCheck database = context.healthChecks().get("database");
        assertThat(database).isInstanceOf(DatabaseHealthCheck.class);
        assertThat(database.execute().isHealthy())
                .as("checked as the plugin's role")
                .isTrue();
        assertThat(context.providedTypes())
                .as("no completion listener any more")
                .isEmpty();
        assertThat(context.events().subscribes("tasks", "task.completed")).isTrue();
    }
}

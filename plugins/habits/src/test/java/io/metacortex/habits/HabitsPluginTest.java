package io.metacortex.habits;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.habits.internal.HabitResource;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.tasks.api.TaskCompletionListener;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What {@link HabitsPlugin#start} registers, with the tasks API on the classpath (as when the bundle is wired to it).
 * Without it, the host tests install the bundle alone: {@code HabitsThroughHostTest}.
 */
class HabitsPluginTest {

    private final List<Object> registered = new ArrayList<>();
    private final List<Class<?>> offered = new ArrayList<>();
    private final List<String> healthChecks = new ArrayList<>();

    private PluginContext context() {
        Jdbi jdbi = Jdbi.create("jdbc:postgresql://127.0.0.1:1/unused");
        return (PluginContext) Proxy.newProxyInstance(PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "jdbi" -> jdbi;
                    case "registerResource" -> registered.add(args[0]);
                    case "registerHealthCheck" -> {
                        assertThat(args[1]).isInstanceOf(DatabaseHealthCheck.class);
                        yield healthChecks.add((String) args[0]);
                    }
                    case "provideService" -> {
                        assertThat(args[1]).isInstanceOf((Class<?>) args[0]);
                        yield offered.add((Class<?>) args[0]);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void startRegistersTheRoutesAndOffersTheCompletionListenerWhenTasksIsWired() {
        assertThat(HabitsPlugin.tasksApiWired()).isTrue();

        new HabitsPlugin().start(context());

        assertThat(registered).hasExactlyElementsOfTypes(HabitResource.class, ApiExceptionMapper.class);
        assertThat(healthChecks).containsExactly("database");
        assertThat(offered).containsExactly(TaskCompletionListener.class);
    }
}

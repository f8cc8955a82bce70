package io.metacortex.host.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PluginHealthTest {

    @Test
    void eachPluginsChecksByNameAndAHangingCheckAnswersAtTheDeadline() {
        CountDownLatch release = new CountDownLatch(1);
        HealthCheckRegistry registry = new HealthCheckRegistry();
        registry.register("plugin.tasks.database", check(HealthCheck.Result::healthy));
        registry.register("plugin.tasks.queue", check(() -> HealthCheck.Result.unhealthy("backlog of 12")));
        registry.register("plugin.hang.database", check(() -> {
            release.await();
            return HealthCheck.Result.healthy();
        }));
        registry.register("plugin.broken.database", check(() -> {
            throw new IllegalStateException("no connection");
        }));
        registry.register("database", check(HealthCheck.Result::healthy));

        try (PluginHealth health = new PluginHealth(registry, Duration.ofMillis(300))) {
            Map<String, Map<String, PluginHealth.Check>> checks = health.byPlugin();

            assertThat(checks).containsOnlyKeys("tasks", "hang", "broken");
            assertThat(checks.get("tasks"))
                    .containsEntry("database", new PluginHealth.Check(true, null))
                    .containsEntry("queue", new PluginHealth.Check(false, "backlog of 12"));
            assertThat(checks.get("hang").get("database"))
                    .isEqualTo(new PluginHealth.Check(false, "did not answer within 300 ms"));
            assertThat(checks.get("broken").get("database").healthy()).isFalse();
            assertThat(checks.get("broken").get("database").message()).contains("no connection");
        } finally {
            release.countDown();
        }
    }

    private interface Answer {
        HealthCheck.Result get() throws Exception;
    }

    private static HealthCheck check(Answer answer) {
        return new HealthCheck() {
            @Override
            protected HealthCheck.Result check() throws Exception {
                return answer.get();
            }
        };
    }
}

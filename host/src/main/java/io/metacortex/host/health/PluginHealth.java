package io.metacortex.host.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The health checks plugins registered ({@code plugin.<id>.<name>}), run on demand for the admin console, each
 * limited to a deadline: a check that does not answer in time reports so and does not hold the request.
 */
public final class PluginHealth implements AutoCloseable {

    private static final String PREFIX = "plugin.";

    private final HealthCheckRegistry registry;
    private final Duration deadline;
    private final ExecutorService checks;

    /** One check's answer. */
    public record Check(boolean healthy, String message) {}

    public PluginHealth(HealthCheckRegistry registry, Duration deadline) {
        this.registry = registry;
        this.deadline = deadline;
        this.checks = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "plugin-health-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return each plugin's checks by plugin id, then by the name the plugin gave the check */
    public Map<String, Map<String, Check>> byPlugin() {
        Map<String, Future<HealthCheck.Result>> running = new TreeMap<>();
        for (String name : registry.getNames()) {
            if (name.startsWith(PREFIX) && name.indexOf('.', PREFIX.length()) > 0) {
                running.put(name, checks.submit(() -> registry.runHealthCheck(name)));
            }
        }
        long until = System.nanoTime() + deadline.toNanos();
        Map<String, Map<String, Check>> byPlugin = new TreeMap<>();
        running.forEach((name, result) -> {
            int dot = name.indexOf('.', PREFIX.length());
            byPlugin.computeIfAbsent(name.substring(PREFIX.length(), dot), id -> new TreeMap<>())
                    .put(name.substring(dot + 1), answer(result, until));
        });
        return byPlugin;
    }

    private Check answer(Future<HealthCheck.Result> result, long until) {
        try {
            HealthCheck.Result answer = result.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Check(answer.isHealthy(), answer.getMessage());
        } catch (TimeoutException e) {
            result.cancel(true);
            return new Check(false, "did not answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Check(false, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(false, "interrupted");
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}

package io.metacortex.host.metrics;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.Set;

/**
 * The host's per plugin and per route request metrics, in the host's {@link MetricRegistry}:
 * {@code metacortex.http.<plugin>.<method>.<route>.requests}, a timer (count and latency), and
 * {@code ....responses.<status class>}, a counter per status class seen ({@code 2xx} ... {@code 5xx}). A route is
 * the resource template the request matched ({@code /api/tasks/{id}}), or {@code unmatched}, so that the number of
 * metrics stays bounded whatever paths clients send. Only strings are kept: no plugin class outlives its plugin.
 */
public final class RouteMetrics {

    public static final String PREFIX = "metacortex.http";
    public static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MetricRegistry registry;

    public RouteMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Records one finished request of {@code pluginId} to {@code route} ({@link #UNMATCHED} when none matched). */
    public void record(String pluginId, String method, String route, int status, Duration elapsed) {
        String base = name(pluginId, method, route);
        registry.timer(base + ".requests").update(elapsed);
        registry.counter(base + ".responses." + statusClass(status)).inc();
    }

    /** Removes every request metric of the plugin: it was uninstalled. */
    public void forget(String pluginId) {
        String prefix = PREFIX + "." + pluginId + ".";
        registry.removeMatching((name, metric) -> name.startsWith(prefix));
    }

    static String name(String pluginId, String method, String route) {
        String knownMethod = METHODS.contains(method) ? method : "OTHER";
        // A dot would split the name where the Prometheus label mapping does not expect it.
        return PREFIX + "." + pluginId + "." + knownMethod + "." + route.replace('.', '_');
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "5xx";
    }
}

package io.metacortex.host.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
    /** The methods labelled by name (HTTP's, and the WebDAV methods of plugin-api); any other is {@code OTHER}. */
    private static final Set<String> METHODS = Set.of(
            "GET",
            "HEAD",
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
            "OPTIONS",
            "PROPFIND",
            "PROPPATCH",
            "REPORT",
            "MKCOL",
            "MKCALENDAR");

    private final MetricRegistry registry;

    public RouteMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Records one finished request of {@code pluginId} to {@code route} ({@link #UNMATCHED} when none matched). */
    public void record(String pluginId, String method, String route, int status, Duration elapsed) {
        route(pluginId, method, route).record(status, elapsed.toNanos());
    }

    /**
     * @return the metrics of one route, to record its requests without looking their names up each time (a plugin's
     *     container keeps them while it lives)
     */
    public Route route(String pluginId, String method, String route) {
        return new Route(registry, name(pluginId, method, route));
    }

    /** The timer and the status-class counters of one plugin, method and route; a counter is made when first needed. */
    public static final class Route {

        private final MetricRegistry registry;
        private final String base;
        private final Timer requests;
        /** By status class, 1xx at 0 ... 5xx at 4. */
        private final AtomicReferenceArray<Counter> responses = new AtomicReferenceArray<>(5);

        private Route(MetricRegistry registry, String base) {
            this.registry = registry;
            this.base = base;
            this.requests = registry.timer(base + ".requests");
        }

        public void record(int status, long elapsedNanos) {
            requests.update(elapsedNanos, TimeUnit.NANOSECONDS);
            int index = status >= 100 && status < 600 ? status / 100 - 1 : 4;
            Counter counter = responses.get(index);
            if (counter == null) {
                counter = registry.counter(base + ".responses." + (index + 1) + "xx");
                responses.set(index, counter);
            }
            counter.inc();
        }
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
}

package io.metacortex.host.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Each plugin's requests so far, summed over its routes from the {@link RouteMetrics} in the registry: what the
 * console shows beside each plugin. Latency is the slowest route's, as percentiles of different routes do not add up.
 */
public final class PluginActivity {

    private static final String ROUTES = RouteMetrics.PREFIX + ".";
    private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final MetricRegistry registry;

    public PluginActivity(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * One plugin's requests since the host started (or since the plugin was installed again).
     *
     * @param requests requests answered
     * @param perMinute requests per minute, averaged over the last minute (exponentially weighted)
     * @param clientErrors answers with a 4xx status
     * @param serverErrors answers with a 5xx status
     * @param slowestRouteP99Ms the highest 99th percentile of its routes, in milliseconds, recent requests weighing more
     */
    public record Activity(
            long requests, double perMinute, long clientErrors, long serverErrors, double slowestRouteP99Ms) {

        static final Activity NONE = new Activity(0, 0, 0, 0, 0);

        Activity plus(Timer timer) {
            Snapshot snapshot = timer.getSnapshot();
            return new Activity(
                    requests + timer.getCount(),
                    perMinute + timer.getOneMinuteRate() * 60,
                    clientErrors,
                    serverErrors,
                    Math.max(slowestRouteP99Ms, snapshot.get99thPercentile() / NANOS_PER_MILLI));
        }

        Activity plus(String statusClass, Counter counter) {
            return switch (statusClass) {
                case "4xx" ->
                    new Activity(
                            requests, perMinute, clientErrors + counter.getCount(), serverErrors, slowestRouteP99Ms);
                case "5xx" ->
                    new Activity(
                            requests, perMinute, clientErrors, serverErrors + counter.getCount(), slowestRouteP99Ms);
                default -> this;
            };
        }
    }

    /** @return every plugin that served a request, by id */
    public Map<String, Activity> byPlugin() {
        Map<String, Activity> activity = new TreeMap<>();
        registry.getTimers((name, metric) -> name.startsWith(ROUTES) && name.endsWith(".requests"))
                .forEach((name, timer) ->
                        activity.merge(pluginOf(name), Activity.NONE.plus(timer), PluginActivity::sum));
        registry.getCounters((name, metric) -> name.startsWith(ROUTES) && name.contains(".responses."))
                .forEach((name, counter) -> activity.merge(
                        pluginOf(name),
                        Activity.NONE.plus(name.substring(name.lastIndexOf('.') + 1), counter),
                        PluginActivity::sum));
        return activity;
    }

    private static String pluginOf(String metricName) {
        int end = metricName.indexOf('.', ROUTES.length());
        return metricName.substring(ROUTES.length(), end);
    }

    private static Activity sum(Activity a, Activity b) {
        return new Activity(
                a.requests() + b.requests(),
                a.perMinute() + b.perMinute(),
                a.clientErrors() + b.clientErrors(),
                a.serverErrors() + b.serverErrors(),
                Math.max(a.slowestRouteP99Ms(), b.slowestRouteP99Ms()));
    }
}

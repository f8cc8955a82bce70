package io.metacortex.host.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.List;
import java.util.Map;

/**
 * Presents {@link RouteMetrics} to Prometheus as two labelled families: {@code
 * metacortex_http_request_duration_seconds} (a summary: {@code _count} is the request count) and {@code
 * metacortex_http_responses_total}, labelled {@code plugin}, {@code method}, {@code route} (and {@code status}, the
 * status class). The Dropwizard bridge's label mapper would make one family per route, which Prometheus' registry
 * refuses as duplicates; this collector puts all routes in one family.
 */
final class RouteMetricsCollector implements MultiCollector {

    static final MetricFilter ROUTE_METRICS = (name, metric) -> name.startsWith(RouteMetrics.PREFIX + ".");
    private static final double NANOS_PER_SECOND = 1e9;

    private final MetricRegistry registry;

    RouteMetricsCollector(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        SummarySnapshot.Builder durations = SummarySnapshot.builder()
                .name("metacortex_http_request_duration_seconds")
                .help("Requests handled by each plugin route, and how long they took");
        for (Map.Entry<String, Timer> timer : registry.getTimers(ROUTE_METRICS).entrySet()) {
            Snapshot s = timer.getValue().getSnapshot();
            durations.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(labels(timer.getKey(), false))
                    .count(timer.getValue().getCount())
                    .quantiles(Quantiles.of(List.of(
                            new Quantile(0.5, s.getMedian() / NANOS_PER_SECOND),
                            new Quantile(0.95, s.get95thPercentile() / NANOS_PER_SECOND),
                            new Quantile(0.99, s.get99thPercentile() / NANOS_PER_SECOND))))
                    .build());
        }
        CounterSnapshot.Builder responses = CounterSnapshot.builder()
                .name("metacortex_http_responses")
                .help("Responses of each plugin route by status class");
        for (Map.Entry<String, Counter> counter :
                registry.getCounters(ROUTE_METRICS).entrySet()) {
            responses.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels(counter.getKey(), true))
                    .value(counter.getValue().getCount())
                    .build());
        }
        return MetricSnapshots.of(durations.build(), responses.build());
    }

    /** Reads {@code metacortex.http.<plugin>.<method>.<route>.requests} or {@code ....responses.<status>}. */
    private static Labels labels(String name, boolean withStatus) {
        String[] parts = name.substring(RouteMetrics.PREFIX.length() + 1).split("\\.");
        Labels labels = Labels.of("plugin", parts[0], "method", parts[1], "route", parts[2]);
        return withStatus ? labels.add("status", parts[parts.length - 1]) : labels;
    }
}

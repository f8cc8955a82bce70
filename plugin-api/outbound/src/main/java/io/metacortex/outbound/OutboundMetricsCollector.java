package io.metacortex.outbound;

import com.codahale.metrics.Snapshot;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outbound calls as labelled Prometheus families, by {@code plugin} and {@code host}: {@code
 * metacortex_outbound_call_duration_seconds} (a summary: {@code _count} is the number of calls), {@code
 * metacortex_outbound_responses_total} (by {@code status} class), {@code metacortex_outbound_errors_total} (by
 * {@code reason}), {@code metacortex_outbound_retries_total}, {@code metacortex_outbound_circuit_state} (1 for the
 * breaker's current {@code state}: closed, open, half_open; 0 for the others) and, by plugin only, {@code
 * metacortex_outbound_calls_in_flight} and {@code metacortex_outbound_concurrency_limit}.
 */
final class OutboundMetricsCollector implements MultiCollector {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final List<CircuitBreaker.State> SHOWN_STATES =
            List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private final OutboundMetrics metrics;
    private final OutboundClients clients;

    OutboundMetricsCollector(OutboundMetrics metrics, OutboundClients clients) {
        this.metrics = metrics;
        this.clients = clients;
    }

    @Override
    public MetricSnapshots collect() {
        SummarySnapshot.Builder durations = SummarySnapshot.builder()
                .name("metacortex_outbound_call_duration_seconds")
                .help("Outbound calls of each plugin to each host, and how long they took, retries included");
        CounterSnapshot.Builder responses = CounterSnapshot.builder()
                .name("metacortex_outbound_responses")
                .help("Answers returned to the plugin, by status class");
        CounterSnapshot.Builder errors = CounterSnapshot.builder()
                .name("metacortex_outbound_errors")
                .help("Outbound calls that ended in an exception, by reason");
        CounterSnapshot.Builder retries =
                CounterSnapshot.builder().name("metacortex_outbound_retries").help("Attempts beyond the first");
        for (Map.Entry<OutboundMetrics.Target, OutboundMetrics.Series> entry :
                metrics.series().entrySet()) {
            Labels labels = Labels.of(
                    "plugin", entry.getKey().plugin(), "host", entry.getKey().host());
            OutboundMetrics.Series series = entry.getValue();
            Snapshot s = series.calls.getSnapshot();
            durations.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(labels)
                    .count(series.calls.getCount())
                    .quantiles(Quantiles.of(List.of(
                            new Quantile(0.5, s.getMedian() / NANOS_PER_SECOND),
                            new Quantile(0.95, s.get95thPercentile() / NANOS_PER_SECOND),
                            new Quantile(0.99, s.get99thPercentile() / NANOS_PER_SECOND))))
                    .build());
            retries.dataPoint(counter(labels, series.retries));
            series.responses.forEach(
                    (status, count) -> responses.dataPoint(counter(labels.add("status", status), count)));
            series.failures.forEach((reason, count) -> errors.dataPoint(counter(labels.add("reason", reason), count)));
        }
        return MetricSnapshots.of(
                durations.build(),
                responses.build(),
                errors.build(),
                retries.build(),
                circuits(),
                inFlight(),
                limits());
    }

    private GaugeSnapshot circuits() {
        GaugeSnapshot.Builder states = GaugeSnapshot.builder()
                .name("metacortex_outbound_circuit_state")
                .help("The circuit breaker of each plugin and host: 1 for its current state");
        clients.guards()
                .forEach((plugin, guards) -> guards.breakers().forEach((host, breaker) -> {
                    CircuitBreaker.State current = breaker.getState();
                    for (CircuitBreaker.State state : SHOWN_STATES) {
                        Labels labels = Labels.of(
                                "plugin",
                                plugin,
                                "host",
                                host,
                                "state",
                                state.name().toLowerCase(Locale.ROOT));
                        states.dataPoint(gauge(labels, state == current ? 1 : 0));
                    }
                }));
        return states.build();
    }

    private GaugeSnapshot inFlight() {
        GaugeSnapshot.Builder inFlight = GaugeSnapshot.builder()
                .name("metacortex_outbound_calls_in_flight")
                .help("Outbound calls each plugin has in flight");
        clients.guards()
                .forEach((plugin, guards) -> inFlight.dataPoint(gauge(
                        Labels.of("plugin", plugin),
                        guards.policy.maxConcurrentCalls()
                                - guards.bulkhead.getMetrics().getAvailableConcurrentCalls())));
        return inFlight.build();
    }

    private GaugeSnapshot limits() {
        GaugeSnapshot.Builder limits = GaugeSnapshot.builder()
                .name("metacortex_outbound_concurrency_limit")
                .help("How many outbound calls each plugin may have in flight");
        clients.guards()
                .forEach((plugin, guards) ->
                        limits.dataPoint(gauge(Labels.of("plugin", plugin), guards.policy.maxConcurrentCalls())));
        return limits.build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels)
                .value(value)
                .build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(Labels labels, LongAdder count) {
        return CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels)
                .value(count.sum())
                .build();
    }
}

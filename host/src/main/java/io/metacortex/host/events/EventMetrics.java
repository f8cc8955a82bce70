package io.metacortex.host.events;

import io.metacortex.host.metrics.GaugeFamily;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events' Prometheus series, labelled {@code subscriber}, {@code publisher} and {@code type}: deliveries,
 * failed deliveries and parked events (counters), the latency from publishing to the handler's commit (a
 * histogram), and, read from the database at each scrape, each subscriber's backlog ({@code
 * metacortex_event_backlog}), the age of its oldest undelivered event and its parked events.
 */
public final class EventMetrics implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(EventMetrics.class);
    private static final String[] LABELS = {"subscriber", "publisher", "type"};

    private final EventStore store;
    private final Clock clock;
    private final Counter delivered = Counter.builder()
            .name("metacortex_event_deliveries")
            .help("Events handled by a subscriber (its handler committed)")
            .labelNames(LABELS)
            .build();
    private final Counter failures = Counter.builder()
            .name("metacortex_event_delivery_failures")
            .help("Deliveries of events whose handler failed")
            .labelNames(LABELS)
            .build();
    private final Counter parked = Counter.builder()
            .name("metacortex_events_parked")
            .help("Events parked for a subscriber: their attempts were exhausted, or it does not subscribe any more")
            .labelNames(LABELS)
            .build();
    private final Histogram latency = Histogram.builder()
            .name("metacortex_event_delivery_latency_seconds")
            .help("From an event's publishing to its handler's commit")
            .labelNames(LABELS)
            .classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300)
            .build();

    EventMetrics(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void delivered(String subscriber, PendingDelivery delivery, Duration took) {
        delivered.labelValues(subscriber, delivery.publisher(), delivery.type()).inc();
        latency.labelValues(subscriber, delivery.publisher(), delivery.type()).observe(took.toNanos() / 1e9);
    }

    void failed(String subscriber, PendingDelivery delivery) {
        failures.labelValues(subscriber, delivery.publisher(), delivery.type()).inc();
    }

    void parked(String subscriber, PendingDelivery delivery) {
        parked.labelValues(subscriber, delivery.publisher(), delivery.type()).inc();
    }

    /** Removes the subscriber's series: it was uninstalled with purge. */
    void forget(String subscriber) {
        for (var metric : List.of(delivered, failures, parked)) {
            metric.removeIf(labels -> labels.get(0).equals(subscriber));
        }
        latency.removeIf(labels -> labels.get(0).equals(subscriber));
    }

    @Override
    public MetricSnapshots collect() {
        GaugeFamily backlog = new GaugeFamily(
                "metacortex_event_backlog", "Events waiting for a subscriber (parked ones not counted)");
        GaugeFamily age = new GaugeFamily(
                "metacortex_event_oldest_undelivered_age_seconds",
                "How long ago the oldest event waiting for a subscriber was published (0 when none waits)");
        GaugeFamily waitingParked =
                new GaugeFamily("metacortex_event_parked", "Events parked for a subscriber, waiting for an admin");
        try {
            for (EventStore.Backlog row : store.backlog()) {
                Labels labels =
                        Labels.of("subscriber", row.subscriber(), "publisher", row.publisher(), "type", row.type());
                backlog.set(labels, row.pending());
                waitingParked.set(labels, row.parked());
                age.setSecondsSince(labels, row.oldestPending(), clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the events' backlog for the metrics: {}", e.getMessage());
        }
        return MetricSnapshots.of(
                delivered.collect(),
                failures.collect(),
                parked.collect(),
                latency.collect(),
                backlog.build(),
                age.build(),
                waitingParked.build());
    }
}

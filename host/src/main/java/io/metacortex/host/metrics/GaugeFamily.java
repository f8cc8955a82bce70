package io.metacortex.host.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.time.Instant;

/**
 * A family of gauges filled at each scrape from what a collector reads (a backlog from the database, say): its
 * name and help, then one value per label set.
 */
public final class GaugeFamily {

    private final GaugeSnapshot.Builder snapshot;

    public GaugeFamily(String name, String help) {
        this.snapshot = GaugeSnapshot.builder().name(name).help(help);
    }

    /** Sets the gauge with {@code labels} to {@code value}. */
    public void set(Labels labels, double value) {
        snapshot.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels)
                .value(value)
                .build());
    }

    /**
     * Sets the gauge with {@code labels} to the seconds from {@code since} to {@code now}: 0 when {@code since} is
     * null (nothing waits) or later than {@code now} (another host's clock).
     */
    public void setSecondsSince(Labels labels, Instant since, Instant now) {
        set(labels, since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis() / 1000.0));
    }

    public GaugeSnapshot build() {
        return snapshot.build();
    }
}

package io.metacortex.outbound;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.List;

/** The outbound families as the Prometheus endpoint gets them: a counter's value, a gauge's, a summary's count. */
record Metrics(List<Point> points) {

    record Point(String family, Labels labels, double value) {}

    static Metrics of(OutboundClients clients) {
        List<Point> points = new ArrayList<>();
        for (MetricSnapshot snapshot : clients.collector().collect()) {
            String family = snapshot.getMetadata().getName();
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                double value;
                if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
                    value = counter.getValue();
                } else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
                    value = gauge.getValue();
                } else {
                    value = ((SummarySnapshot.SummaryDataPointSnapshot) point).getCount();
                }
                points.add(new Point(family, point.getLabels(), value));
            }
        }
        return new Metrics(points);
    }

    /** @param labels plugin, then host, then name/value pairs of further labels; fails unless exactly one matches */
    double value(String family, String plugin, String... labels) {
        Labels wanted = Labels.of("plugin", plugin);
        if (labels.length > 0) {
            wanted = wanted.add("host", labels[0]);
            for (int i = 1; i + 1 < labels.length; i += 2) {
                wanted = wanted.add(labels[i], labels[i + 1]);
            }
        }
        Labels exactly = wanted;
        List<Point> matching = points.stream()
                .filter(p -> p.family().equals(family) && p.labels().equals(exactly))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(
                    "Expected one point " + family + exactly + ", found " + matching + " in " + points);
        }
        return matching.get(0).value();
    }
}

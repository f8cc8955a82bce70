package io.metacortex.host.jobs;

import com.github.kagkarlsson.scheduler.Clock;
import io.metacortex.host.metrics.GaugeFamily;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs' Prometheus series, labelled {@code plugin} and {@code type}: runs, failed runs and retries (counters),
 * run durations (a histogram), and, read from the database at each scrape, the jobs due and waiting ({@code
 * metacortex_job_queue_depth}), how long the oldest of them has waited ({@code metacortex_job_oldest_due_age_seconds})
 * and the jobs in each state ({@code metacortex_jobs{state}}).
 */
public final class JobMetrics implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);

    private final JobStore store;
    private final Clock clock;
    private final Counter runs = Counter.builder()
            .name("metacortex_job_runs")
            .help("Runs of plugin jobs, by plugin and job type")
            .labelNames("plugin", "type")
            .build();
    private final Counter failures = Counter.builder()
            .name("metacortex_job_failures")
            .help("Runs of plugin jobs that failed")
            .labelNames("plugin", "type")
            .build();
    private final Counter retries = Counter.builder()
            .name("metacortex_job_retries")
            .help("Failed runs of plugin jobs scheduled again after a backoff")
            .labelNames("plugin", "type")
            .build();
    private final Histogram durations = Histogram.builder()
            .name("metacortex_job_duration_seconds")
            .help("How long runs of plugin jobs took")
            .labelNames("plugin", "type")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
            .build();

    JobMetrics(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void ran(JobId id, Duration took, boolean succeeded) {
        runs.labelValues(id.pluginId(), id.type()).inc();
        durations.labelValues(id.pluginId(), id.type()).observe(took.toNanos() / 1e9);
        if (!succeeded) {
            failures.labelValues(id.pluginId(), id.type()).inc();
        }
    }

    void retried(JobId id) {
        retries.labelValues(id.pluginId(), id.type()).inc();
    }

    /** Removes the plugin's series: it was uninstalled with its jobs. */
    void forget(String pluginId) {
        for (var metric : List.of(runs, failures, retries)) {
            metric.removeIf(labels -> labels.get(0).equals(pluginId));
        }
        durations.removeIf(labels -> labels.get(0).equals(pluginId));
    }

    @Override
    public MetricSnapshots collect() {
        GaugeFamily depth =
                new GaugeFamily("metacortex_job_queue_depth", "Plugin jobs that are due and wait for a worker");
        GaugeFamily age = new GaugeFamily(
                "metacortex_job_oldest_due_age_seconds",
                "How long the oldest due plugin job has waited for a worker (0 when none waits)");
        GaugeFamily states = new GaugeFamily(
                "metacortex_jobs", "Plugin jobs in each state: scheduled, running, paused, orphaned, failed");
        Instant now = clock.now();
        try {
            for (JobStore.Backlog backlog : store.backlog(now)) {
                Labels labels = Labels.of("plugin", backlog.plugin(), "type", backlog.type());
                depth.set(labels, backlog.due());
                age.setSecondsSince(labels, backlog.oldestDue(), now);
                backlog.byState().forEach((state, count) -> states.set(labels.add("state", state), count));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the jobs' backlog for the metrics: {}", e.getMessage());
        }
        return MetricSnapshots.of(
                runs.collect(),
                failures.collect(),
                retries.collect(),
                durations.collect(),
                depth.build(),
                age.build(),
                states.build());
    }
}

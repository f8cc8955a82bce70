package io.metacortex.host.jobs;

import com.codahale.metrics.health.HealthCheck;
import com.github.kagkarlsson.scheduler.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Unhealthy while some plugin job has been due for longer than the threshold without a worker taking it: the
 * workers are too few or stuck, or no host runs the scheduler. Jobs held back (paused, orphaned, failed) do not count.
 */
final class JobsHealthCheck extends HealthCheck {

    private final JobStore store;
    private final Clock clock;
    private final Duration threshold;

    JobsHealthCheck(JobStore store, Clock clock, Duration threshold) {
        this.store = store;
        this.clock = clock;
        this.threshold = threshold;
    }

    @Override
    protected Result check() {
        Instant now = clock.now();
        List<JobStore.Backlog> late = store.backlog(now).stream()
                .filter(b -> b.oldestDue() != null
                        && Duration.between(b.oldestDue(), now).compareTo(threshold) > 0)
                .sorted(Comparator.comparing(JobStore.Backlog::oldestDue))
                .toList();
        if (late.isEmpty()) {
            return Result.healthy();
        }
        JobStore.Backlog oldest = late.get(0);
        return Result.unhealthy("Jobs are late: "
                + late.stream().mapToLong(JobStore.Backlog::due).sum()
                + " due jobs of " + late.size() + " job types wait longer than " + threshold + " (jobs.lateThreshold);"
                + " the oldest, of " + oldest.plugin() + "/" + oldest.type() + ", since " + oldest.oldestDue() + ".");
    }
}

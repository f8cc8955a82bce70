package io.metacortex.host.jobs;

import static io.metacortex.host.jobs.PluginJobs.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import io.metacortex.plugin.api.jobs.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A job being described by a plugin; the first scheduling method stores it. */
final class PluginJobRequest implements JobRequest {

    private static final int MAX_ATTEMPTS = 100;
    private static final Duration MAX_BACKOFF = Duration.ofDays(7);
    private static final Duration MIN_EVERY = Duration.ofSeconds(1);

    private final PluginJobs jobs;
    private final String type;
    private final JsonNode payload;
    private String key;
    private int maxAttempts = JobData.DEFAULT_MAX_ATTEMPTS;
    private Duration backoffInitial = JobData.DEFAULT_BACKOFF_INITIAL;
    private Duration backoffMax = JobData.DEFAULT_BACKOFF_MAX;
    private boolean submitted;

    PluginJobRequest(PluginJobs jobs, String type, JsonNode payload) {
        this.jobs = jobs;
        this.type = type;
        this.payload = payload;
    }

    @Override
    public JobRequest key(String key) {
        this.key = JobId.requireKey(key);
        return this;
    }

    @Override
    public JobRequest maxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "maxAttempts must be from 1 to " + MAX_ATTEMPTS + ", not " + maxAttempts + ".");
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    @Override
    public JobRequest backoff(Duration initial, Duration max) {
        requireNonNull(initial, "The initial backoff");
        requireNonNull(max, "The maximum backoff");
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0 || max.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("The backoff must start at 1 millisecond or more and end at least"
                    + " there and at most at 7 days; got " + initial + " to " + max + ".");
        }
        this.backoffInitial = initial;
        this.backoffMax = max;
        return this;
    }

    @Override
    public boolean now() {
        return submit(jobs.clock().now(), null, null, null);
    }

    @Override
    public boolean at(Instant instant) {
        return submit(requireNonNull(instant, "The instant"), null, null, null);
    }

    @Override
    public boolean after(Duration delay) {
        return submit(jobs.clock().now().plus(requireNotNegative(delay)), null, null, null);
    }

    @Override
    public boolean every(Duration delay) {
        requireNonNull(delay, "The delay");
        if (delay.compareTo(MIN_EVERY) < 0) {
            throw new IllegalArgumentException("A recurring job's delay must be at least a second, not " + delay + ".");
        }
        return submit(jobs.clock().now(), delay.toMillis(), null, null);
    }

    @Override
    public boolean cron(String expression, ZoneId zone) {
        requireNonNull(expression, "The cron expression");
        requireNonNull(zone, "The zone");
        CronSchedule schedule;
        try {
            schedule = new CronSchedule(expression, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Cron expression '" + expression + "' is not valid (" + e.getMessage()
                            + "). It has six fields, second minute hour day-of-month month day-of-week, e.g. 0 0 7 * * MON-FRI.");
        }
        if (schedule.isDisabled()) {
            throw new IllegalArgumentException("Cron expression '-' schedules nothing: cancel the job instead.");
        }
        return submit(schedule.getInitialExecutionTime(jobs.clock().now()), null, expression, zone.getId());
    }

    private boolean submit(Instant at, Long everyMillis, String cron, String zone) {
        if (submitted) {
            throw new IllegalStateException(
                    "This request scheduled its job already: call schedule(..) again for another.");
        }
        submitted = true;
        JobData data = new JobData(
                payload, maxAttempts, backoffInitial.toMillis(), backoffMax.toMillis(), everyMillis, cron, zone, null);
        String jobKey = key == null ? UUID.randomUUID().toString() : key;
        return jobs.add(new JobId(jobs.pluginId(), type, jobKey), data, at);
    }

    private static Duration requireNotNegative(Duration delay) {
        requireNonNull(delay, "The delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The delay must not be negative, not " + delay + ".");
        }
        return delay;
    }
}

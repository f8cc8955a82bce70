package io.metacortex.host.jobs;

import static io.metacortex.host.jobs.PluginJobs.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.plugin.api.jobs.Job;
import java.time.Duration;
import java.time.Instant;

/** One run of a job as its handler sees it, and how the handler wants it rescheduled, if at all. */
final class RunningJob<T> implements Job<T> {

    private final PluginJobs jobs;
    private final PluginJobs.Registration<T> registration;
    private final JobId id;
    private final T payload;
    private final int attempt;
    private final Instant scheduledAt;
    private Instant rescheduledAt;
    private JsonNode rescheduledPayload;

    RunningJob(PluginJobs jobs, PluginJobs.Registration<T> registration, JobId id, T payload, int attempt, Instant at) {
        this.jobs = jobs;
        this.registration = registration;
        this.id = id;
        this.payload = payload;
        this.attempt = attempt;
        this.scheduledAt = at;
    }

    @Override
    public String type() {
        return id.type();
    }

    @Override
    public String key() {
        return id.key();
    }

    @Override
    public T payload() {
        return payload;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Instant scheduledAt() {
        return scheduledAt;
    }

    @Override
    public void rescheduleAt(Instant instant) {
        rescheduledAt = requireNonNull(instant, "The instant");
        rescheduledPayload = null;
    }

    @Override
    public void rescheduleAt(Instant instant, T next) {
        JsonNode written = jobs.write(registration, next);
        rescheduledAt = requireNonNull(instant, "The instant");
        rescheduledPayload = written;
    }

    @Override
    public void rescheduleAfter(Duration delay) {
        requireNonNull(delay, "The delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The delay must not be negative, not " + delay + ".");
        }
        rescheduleAt(jobs.clock().now().plus(delay));
    }

    /** @return when the handler asked to run the job again, or null */
    Instant rescheduledAt() {
        return rescheduledAt;
    }

    /** @return the payload the handler gave for the next run, or null to keep the current one */
    JsonNode rescheduledPayload() {
        return rescheduledPayload;
    }
}

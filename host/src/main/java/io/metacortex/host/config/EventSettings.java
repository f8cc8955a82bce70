package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Durable events between plugins: delivery workers, attempts and backoff, the fallback sweep, retention. */
public class EventSettings {

    @Min(1)
    @Max(64)
    private int threads = 4;

    @Min(1)
    @Max(1000)
    private int maxAttempts = 10;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration backoffInitial = Duration.seconds(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration backoffMax = Duration.minutes(5);

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration sweepInterval = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration retention = Duration.days(7);

    /** The workers that run subscribers' handlers; one publisher's events reach one subscriber on one at a time. */
    @JsonProperty
    public int getThreads() {
        return threads;
    }

    @JsonProperty
    public void setThreads(int threads) {
        this.threads = threads;
    }

    /** Deliveries of one event to one subscriber before it is parked for an admin. */
    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** The wait after a first failed delivery; doubled after each further one, up to {@link #getBackoffMax()}. */
    @JsonProperty
    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    @JsonProperty
    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    @JsonProperty
    public Duration getBackoffMax() {
        return backoffMax;
    }

    @JsonProperty
    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    /**
     * How often the host's scheduler wakes every host's delivery, in case a notification was missed (events are
     * otherwise delivered at once, woken by PostgreSQL's NOTIFY).
     */
    @JsonProperty
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    @JsonProperty
    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /** How long delivered events are kept (their delivery records make handlers idempotent). */
    @JsonProperty
    public Duration getRetention() {
        return retention;
    }

    @JsonProperty
    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}

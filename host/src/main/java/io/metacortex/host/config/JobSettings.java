package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Plugins' background jobs: the worker pool, how often the database is asked for due jobs, and when they are late. */
public class JobSettings {

    @Min(1)
    @Max(256)
    private int threads = 8;

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration pollingInterval = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration heartbeatInterval = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration lateThreshold = Duration.minutes(5);

    /** The workers that run jobs' handlers, shared by all plugins. */
    @JsonProperty
    public int getThreads() {
        return threads;
    }

    @JsonProperty
    public void setThreads(int threads) {
        this.threads = threads;
    }

    /** How often the database is asked for due jobs; a job scheduled to run now on this host starts at once anyway. */
    @JsonProperty
    public Duration getPollingInterval() {
        return pollingInterval;
    }

    @JsonProperty
    public void setPollingInterval(Duration pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    /** How often a running job's host says it is alive; after 6 missed, another host runs the job again. */
    @JsonProperty
    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    @JsonProperty
    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    /** The health check {@code jobs} turns unhealthy when a due job has waited longer than this. */
    @JsonProperty
    public Duration getLateThreshold() {
        return lateThreshold;
    }

    @JsonProperty
    public void setLateThreshold(Duration lateThreshold) {
        this.lateThreshold = lateThreshold;
    }
}

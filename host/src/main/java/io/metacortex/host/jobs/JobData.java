package io.metacortex.host.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.time.ZoneId;

/**
 * What the host stores with each plugin job (db-scheduler's {@code task_data}, as JSON): the payload as the plugin's
 * mapper wrote it, the retry policy, the recurrence (a fixed delay in milliseconds, or a cron expression and its
 * zone; neither for a one-time job) and the error of the last failed run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobData(
        JsonNode payload,
        int maxAttempts,
        long backoffInitialMillis,
        long backoffMaxMillis,
        Long everyMillis,
        String cron,
        String zone,
        String lastError) {

    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(10);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(1);

    boolean recurring() {
        return everyMillis != null || cron != null;
    }

    /** @return the recurrence as db-scheduler computes it, or null for a one-time job */
    Schedule schedule() {
        if (everyMillis != null) {
            return FixedDelay.ofMillis(everyMillis);
        }
        return cron == null ? null : new CronSchedule(cron, ZoneId.of(zone));
    }

    /** @return how the job recurs, for admins: {@code every PT15M}, {@code cron 0 0 7 * * * Europe/Berlin}, or null */
    String describeSchedule() {
        if (everyMillis != null) {
            return "every " + Duration.ofMillis(everyMillis);
        }
        return cron == null ? null : "cron " + cron + " " + zone;
    }

    Duration backoffInitial() {
        return Duration.ofMillis(backoffInitialMillis);
    }

    Duration backoffMax() {
        return Duration.ofMillis(backoffMaxMillis);
    }

    JobData withPayload(JsonNode next) {
        return new JobData(
                next, maxAttempts, backoffInitialMillis, backoffMaxMillis, everyMillis, cron, zone, lastError);
    }

    JobData withLastError(String error) {
        return new JobData(
                payload, maxAttempts, backoffInitialMillis, backoffMaxMillis, everyMillis, cron, zone, error);
    }
}

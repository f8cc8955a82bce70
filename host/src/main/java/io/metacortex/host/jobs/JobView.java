package io.metacortex.host.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A plugin job as admins see it.
 *
 * @param attempts the runs that failed in a row so far (0 once a run succeeded)
 * @param nextRunAt when it runs next; for a paused or orphaned job, when it was due; null once failed
 * @param schedule how it recurs ({@code every PT15M}, {@code cron 0 0 7 * * * Europe/Berlin}); null for a one-time job
 * @param runningOn the host running it now (db-scheduler's scheduler name), only while running
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        long id,
        String plugin,
        String type,
        String key,
        String state,
        int attempts,
        int maxAttempts,
        Instant nextRunAt,
        String schedule,
        String lastError,
        Instant lastFailureAt,
        Instant lastSuccessAt,
        String runningOn) {}

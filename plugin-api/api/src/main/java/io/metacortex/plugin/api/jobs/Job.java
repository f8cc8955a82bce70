package io.metacortex.plugin.api.jobs;

import java.time.Duration;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One run of a job, handed to its {@link JobHandler}. Implemented by the host; valid while the handler runs.
 *
 * @param <T> the payload class of the job's type
 */
@ProviderType
public interface Job<T> {

    /** @return the job's type, as registered */
    String type();

    /** @return the job's key within its type: the one it was scheduled with, or the one the host made up */
    String key();

    /** @return the payload, read from JSON as the type's payload class (null when scheduled with null) */
    T payload();

    /** @return 1 for the first attempt of this run, 2 for the first retry after a failure, and so on */
    int attempt();

    /** @return when this run was due: its scheduled time, or for a retry the time the backoff ended */
    Instant scheduledAt();

    /**
     * Runs the job again at {@code instant} once this run returns, with the same payload, instead of deleting it (or,
     * for a recurring job, instead of its next scheduled time). Has no effect when the handler then throws.
     *
     * @throws IllegalArgumentException when {@code instant} is null
     */
    void rescheduleAt(Instant instant);

    /**
     * As {@link #rescheduleAt(Instant)}, with a new payload for the next run (e.g. a cursor to continue from).
     *
     * @throws IllegalArgumentException when {@code instant} is null or the payload is not of the type's payload class
     */
    void rescheduleAt(Instant instant, T payload);

    /**
     * As {@link #rescheduleAt(Instant)}, {@code delay} after now.
     *
     * @throws IllegalArgumentException when {@code delay} is null or negative
     */
    void rescheduleAfter(Duration delay);
}

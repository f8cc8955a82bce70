package io.metacortex.plugin.api.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A job being described, from {@link Jobs#schedule}: set its options, then schedule it with exactly one of {@link
 * #now()}, {@link #at}, {@link #after}, {@link #every} or {@link #cron}. Implemented by the host; not thread-safe.
 *
 * <p>A failing run is retried after an exponentially growing delay, {@code initial * 2^(attempt - 1)} capped at
 * {@code max}, less a random amount of up to half of it (jitter), until {@code maxAttempts} runs failed in a row; the
 * job then stays, failed, until an admin retries or deletes it. Defaults: 5 attempts, 10 seconds initial, 1 hour max.
 *
 * <p>Each scheduling method returns whether the job was created: {@code false} when a job of this type with this
 * {@link #key} exists already, which is then left exactly as it is (scheduling the same key twice is one job; to
 * change it, {@link Jobs#cancel} it first).
 */
@ProviderType
public interface JobRequest {

    /**
     * @param key 1 to 200 characters without control characters, unique within the type, e.g. {@code digest-<user>};
     *     without one the host makes up a unique key
     * @throws IllegalArgumentException when the key is not valid
     */
    JobRequest key(String key);

    /**
     * @param maxAttempts how many runs may fail in a row before the job is failed, 1 to 100
     * @throws IllegalArgumentException when out of range
     */
    JobRequest maxAttempts(int maxAttempts);

    /**
     * @param initial the delay before the second attempt, at least 1 millisecond
     * @param max the longest delay between attempts, at least {@code initial} and at most 7 days
     * @throws IllegalArgumentException when out of range
     */
    JobRequest backoff(Duration initial, Duration max);

    /** Schedules the job to run as soon as a worker is free. @return whether the job was created */
    boolean now();

    /**
     * Schedules the job to run once at {@code instant} (at once when it is past).
     *
     * @return whether the job was created
     * @throws IllegalArgumentException when {@code instant} is null
     */
    boolean at(Instant instant);

    /**
     * Schedules the job to run once after {@code delay}.
     *
     * @return whether the job was created
     * @throws IllegalArgumentException when {@code delay} is null or negative
     */
    boolean after(Duration delay);

    /**
     * Schedules the job to run now, then again {@code delay} after each run ended (fixed delay), until cancelled.
     *
     * @param delay at least 1 second
     * @return whether the job was created
     * @throws IllegalArgumentException when {@code delay} is null or shorter than a second
     */
    boolean every(Duration delay);

    /**
     * Schedules the job to run at each time the cron expression names in {@code zone}, until cancelled. The
     * expression has six fields, {@code second minute hour day-of-month month day-of-week}, as Spring writes them:
     * {@code 0 0 7 * * MON-FRI} is 7:00 on weekdays, {@code 0 *}{@code /15 * * * *} every quarter of an hour.
     * Daylight saving time is that of the zone: a time skipped by the clock change is run at the next that exists.
     *
     * @return whether the job was created
     * @throws IllegalArgumentException when the expression is not valid or the zone is null
     */
    boolean cron(String expression, ZoneId zone);
}

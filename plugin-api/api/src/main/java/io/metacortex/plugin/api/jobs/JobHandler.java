package io.metacortex.plugin.api.jobs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs the jobs of one type, registered with {@link Jobs#register}. Implemented by the plugin.
 *
 * <p>The host calls it on one of its job workers (a bounded pool shared by all plugins), with the plugin's id in the
 * SLF4J MDC under {@code plugin}, outside of any user's request. Returning completes the run: the job is deleted,
 * or for a recurring one scheduled at its next time, unless the handler {@linkplain Job#rescheduleAt rescheduled}
 * it. Throwing fails the run: it is retried with backoff until its attempts are exhausted.
 *
 * @param <T> the payload class given at registration
 */
@ConsumerType
@FunctionalInterface
public interface JobHandler<T> {

    /**
     * Runs one job.
     *
     * @throws Exception when the run failed and should be retried
     */
    void handle(Job<T> job) throws Exception;
}

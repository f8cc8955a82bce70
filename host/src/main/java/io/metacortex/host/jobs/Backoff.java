package io.metacortex.host.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before a failed job's next attempt: exponential, {@code initial * 2^(failures - 1)} capped at {@code
 * max}, of which a random part of up to half is taken off ("equal jitter"), so that jobs that failed together do not
 * all retry at the same moment.
 */
final class Backoff {

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** @param failures the runs that failed in a row so far, at least 1 */
    Duration delay(int failures, Duration initial, Duration max) {
        long cap = max.toMillis();
        long exponential = initial.toMillis();
        for (int i = 1; i < failures && exponential < cap; i++) {
            exponential *= 2;
        }
        long full = Math.min(exponential, cap);
        long half = full / 2;
        return Duration.ofMillis(full - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}

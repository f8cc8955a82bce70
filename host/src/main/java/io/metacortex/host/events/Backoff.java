package io.metacortex.host.events;

import java.time.Duration;

/** The wait before an event's next delivery to a subscriber: {@code initial * 2^(failures - 1)}, at most {@code max}. */
record Backoff(Duration initial, Duration max) {

    /** @param failures the deliveries that failed in a row so far, at least 1 */
    Duration after(int failures) {
        long cap = max.toMillis();
        long delay = initial.toMillis();
        for (int i = 1; i < failures && delay < cap; i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, cap));
    }
}

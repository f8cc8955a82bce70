package io.metacortex.outbound;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Reads {@code Retry-After} (RFC 9110 10.2.3): a number of seconds, or an HTTP date. */
final class RetryAfter {

    static final String HEADER = "Retry-After";

    private RetryAfter() {}

    /** @return the wait the header asks for (zero for a date in the past); empty when absent or unreadable */
    static Optional<Duration> of(HttpHeaders headers, Clock clock) {
        return headers.firstValue(HEADER).flatMap(value -> parse(value.trim(), clock));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until =
                    Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

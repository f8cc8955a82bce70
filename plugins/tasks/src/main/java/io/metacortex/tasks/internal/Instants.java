package io.metacortex.tasks.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the ISO-8601 instants the API accepts, in bodies and query parameters. */
final class Instants {

    static final String MESSAGE = "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z";

    private Instants() {}

    /** @return the instant, or empty when the text is not one ("2026-12-01T10:00:00+01:00" is accepted too) */
    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

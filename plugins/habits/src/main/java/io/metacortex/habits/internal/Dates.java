package io.metacortex.habits.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Local calendar days: parsing them from requests, and "today" for a time zone. */
final class Dates {

    static final String MESSAGE = "must be a date such as 2026-11-25";

    private Dates() {}

    /** @return the date, or empty when the text is not an ISO-8601 date (yyyy-MM-dd) */
    static Optional<LocalDate> parse(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @return the day it is now in {@code zone}, by {@code clock} */
    static LocalDate today(Clock clock, ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate();
    }
}

package io.metacortex.habits.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The {@code from} and {@code to} query parameters of the check-in, rest-day and stats routes: local days, both
 * inclusive. Absent, {@code to} is today and {@code from} the day {@value #DEFAULT_DAYS} days back from {@code to}
 * inclusive (29 days before it): the last {@value #DEFAULT_DAYS} days.
 */
record DateRange(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    /** The {@code from} parameter in {@code /openapi.json}. */
    static final String FROM =
            "The first local day (inclusive); when absent, the range is the " + DEFAULT_DAYS + " days up to to";
    /** The {@code to} parameter in {@code /openapi.json}. */
    static final String TO =
            "The last local day (inclusive); today when absent. A range spans at most " + MAX_DAYS + " days";

    /**
     * @param from as sent, or null
     * @param to as sent, or null
     * @param today the caller's local day, for the defaults
     * @throws ApiException 400 naming {@code from} or {@code to} when one is not a date, when {@code from} is after
     *     {@code to}, or when the range is longer than {@value #MAX_DAYS} days
     */
    static DateRange parse(String from, String to, LocalDate today) {
        FieldErrors errors = new FieldErrors();
        LocalDate end = today;
        if (to != null && !to.isBlank()) {
            end = Dates.parse(to).orElse(null);
            if (end == null) {
                errors.add("to", Dates.MESSAGE);
            }
        }
        LocalDate start = end == null ? null : end.minusDays(DEFAULT_DAYS - 1);
        if (from != null && !from.isBlank()) {
            start = Dates.parse(from).orElse(null);
            if (start == null) {
                errors.add("from", Dates.MESSAGE);
            }
        }
        if (start != null && end != null) {
            if (start.isAfter(end)) {
                errors.add("from", "must not be after to (" + end + ")");
            } else if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                errors.add("from", "must be at most " + MAX_DAYS + " days before to (" + end + ")");
            }
        }
        errors.throwIfAny(ApiException::invalidQuery);
        return new DateRange(start, end);
    }
}

package io.metacortex.tasks.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * Recurrence rules: iCalendar RRULEs (RFC 5545, e.g. {@code FREQ=WEEKLY;BYDAY=MO,WE}), parsed and expanded by
 * lib-recur. A series starts at the due of its first task (the rule's DTSTART), so COUNT and UNTIL count from
 * there; instances are computed in the user's time zone, so "daily at 09:00" stays 09:00 local time across
 * daylight-saving changes, and stored as instants.
 */
final class Recurrence {

    static final int MAX_LENGTH = 500;
    static final String MESSAGE = "must be an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=MO,WE";
    /** Guards against rules whose instances never pass the given one (expansion is lazy, but bounded here). */
    private static final int MAX_STEPS = 100_000;

    private Recurrence() {}

    /**
     * @param text the rule as sent; an {@code RRULE:} prefix is accepted and dropped
     * @return the rule as stored (trimmed, without prefix, upper-case), or empty when it is not a valid RRULE
     */
    static Optional<String> normalise(String text) {
        String rule = text.strip();
        if (rule.regionMatches(true, 0, "RRULE:", 0, "RRULE:".length())) {
            rule = rule.substring("RRULE:".length());
        }
        rule = rule.toUpperCase(Locale.ROOT);
        if (rule.isEmpty() || rule.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
            return Optional.of(rule);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param rule a rule {@link #normalise} accepted
     * @param seriesStart the due of the series' first task (DTSTART)
     * @param current the due of the instance being completed
     * @param zone the user's time zone, in which the rule's days and times are meant
     * @return the first instance of the series after {@code current}, or empty when COUNT or UNTIL end the series
     *     before it
     */
    static Optional<Instant> next(String rule, Instant seriesStart, Instant current, ZoneId zone) {
        RecurrenceRule recurrence;
        try {
            recurrence = new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalStateException("stored recurrence rule no longer parses: " + rule, e);
        }
        RecurrenceRuleIterator instances =
                recurrence.iterator(new DateTime(TimeZone.getTimeZone(zone), seriesStart.toEpochMilli()));
        long after = current.toEpochMilli();
        for (int step = 0; step < MAX_STEPS && instances.hasNext(); step++) {
            long instance = instances.nextMillis();
            if (instance > after) {
                return Optional.of(Instant.ofEpochMilli(instance));
            }
        }
        return Optional.empty();
    }
}

package io.metacortex.calendar.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * The start times of a series: its DTSTART, the instances of its RRULE (expanded by lib-recur in the DTSTART's own
 * zone, so a weekly 10:00 in Europe/Berlin stays 10:00 local time across daylight-saving changes) and its RDATEs,
 * less its EXDATEs.
 */
final class Recurrences {

    /** Guards against rules whose instances never reach the range asked (a series is lazy, but bounded here). */
    static final int MAX_INSTANCES = 20_000;

    private Recurrences() {}

    static boolean valid(String rule) {
        try {
            new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
            return true;
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            return false;
        }
    }

    /** @return whether the rule has neither COUNT nor UNTIL */
    static boolean unbounded(String rule) {
        return parse(rule).isInfinite();
    }

    /**
     * @param before the starts at or after this instant (floating and all-day starts taken at their earliest) are
     *     not computed; null for all of them (a bounded series only)
     * @return the starts of the series by their {@linkplain EventTime#key() keys}, in order, EXDATEs left out
     */
    static Map<String, EventTime> starts(EventFields series, Instant before) {
        Map<String, EventTime> starts = new LinkedHashMap<>();
        List<EventTime> all = new ArrayList<>();
        all.add(series.start());
        if (series.rrule() != null) {
            RecurrenceRuleIterator instances =
                    parse(series.rrule()).iterator(series.start().toDateTime());
            for (int i = 0; i < MAX_INSTANCES && instances.hasNext(); i++) {
                EventTime instance = series.start().fromDateTime(instances.nextDateTime());
                if (before != null && !instance.earliest().isBefore(before)) {
                    break;
                }
                all.add(instance);
            }
        }
        series.rdates().stream()
                .map(rdate -> sameKind(series.start(), rdate))
                .filter(rdate -> before == null || rdate.earliest().isBefore(before))
                .forEach(all::add);
        all.sort((a, b) -> a.earliest().compareTo(b.earliest()));
        List<String> excluded = series.exdates().stream()
                .map(exdate -> sameKind(series.start(), exdate).key())
                .toList();
        for (EventTime start : all) {
            if (!excluded.contains(start.key())) {
                starts.putIfAbsent(start.key(), start);
            }
        }
        return starts;
    }

    /**
     * @return {@code time} as the same kind of time as {@code start}: a UTC RDATE/EXDATE/RECURRENCE-ID of a zoned
     *     series in the series' zone, a date-time of an all-day series as its date
     */
    static EventTime sameKind(EventTime start, EventTime time) {
        if (start.allDay() && !time.allDay()) {
            return EventTime.ofDate(time.date().toLocalDate());
        }
        if (start.zone() != null && time.zone() != null && !time.zone().equals(start.zone())) {
            return EventTime.at(time.instant(start.zone()), start.zone());
        }
        return time;
    }

    /**
     * @return {@code rule} ending just before {@code split} (COUNT dropped, UNTIL set), for "this and following"
     */
    static String endBefore(String rule, EventTime split) {
        StringBuilder kept = new StringBuilder();
        for (String part : rule.split(";")) {
            String name = part.split("=", 2)[0].toUpperCase(Locale.ROOT);
            if (!name.equals("COUNT") && !name.equals("UNTIL")) {
                kept.append(kept.length() == 0 ? "" : ";").append(part);
            }
        }
        String until;
        if (split.allDay()) {
            until = EventTime.DATE.format(split.date().minusDays(1));
        } else if (split.zone() == null) {
            until = EventTime.DATE_TIME.format(split.date().minusSeconds(1));
        } else {
            until = EventTime.DATE_TIME.format(
                            LocalDateTime.ofInstant(split.instant(split.zone()).minusSeconds(1), ZoneOffset.UTC))
                    + "Z";
        }
        return kept + ";UNTIL=" + until;
    }

    private static RecurrenceRule parse(String rule) {
        try {
            return new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalStateException("stored recurrence rule no longer parses: " + rule, e);
        }
    }
}

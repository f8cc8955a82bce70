package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.Property;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * VTIMEZONE components (RFC 5545 3.6.5) written from the JVM's zone rules, for the IANA zones an event names by TZID
 * without a VTIMEZONE of its own (events created through the REST API): clients that do not know IANA ids, or know
 * other rules, read the offsets from the calendar data itself.
 *
 * <p>A zone that still changes its offset every year is written as its yearly rules (a STANDARD and a DAYLIGHT with
 * an RRULE each) from the year after its last irregular change; other zones as every change since 1970, each an
 * observance of its own, after the offset of 1970.
 */
final class VTimeZones {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final Instant FAR_FUTURE = Instant.parse("2200-01-01T00:00:00Z");

    private VTimeZones() {}

    static Component of(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Component timeZone = new Component("VTIMEZONE");
        timeZone.add(Property.of("TZID", zone.getId()));
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (!yearly.isEmpty()) {
            List<ZoneOffsetTransition> past = rules.getTransitions();
            int from = past.isEmpty()
                    ? 1970
                    : past.get(past.size() - 1).getDateTimeAfter().getYear() + 1;
            for (ZoneOffsetTransitionRule rule : yearly) {
                ZoneOffsetTransition first = rule.createTransition(from);
                Component observance = observance(rules, first.getInstant(), first);
                observance.add(Property.of("RRULE", rrule(rule)));
                timeZone.children().add(observance);
            }
            return timeZone;
        }
        Instant epoch = EPOCH.toInstant(ZoneOffset.UTC);
        ZoneOffset initial = rules.getOffset(epoch);
        Component start = new Component(rules.isDaylightSavings(epoch) ? "DAYLIGHT" : "STANDARD");
        start.add(Property.of("DTSTART", EventTime.DATE_TIME.format(EPOCH)));
        start.add(Property.of("TZOFFSETFROM", offset(initial)));
        start.add(Property.of("TZOFFSETTO", offset(initial)));
        timeZone.children().add(start);
        List<ZoneOffsetTransition> changes = rules.getTransitions();
        for (int i = 0; i < changes.size(); i++) {
            ZoneOffsetTransition change = changes.get(i);
            if (change.getInstant().isAfter(epoch)) {
                // Whether the offset it starts is daylight saving time, as known while it lasts (a zone may make
                // its summer time permanent later without changing its clocks, as Istanbul did in 2016).
                Instant lasting =
                        i + 1 < changes.size() ? changes.get(i + 1).getInstant().minusSeconds(1) : FAR_FUTURE;
                timeZone.children().add(observance(rules, lasting, change));
            }
        }
        return timeZone;
    }

    /** @param lasting an instant while the offset the change starts is in force */
    private static Component observance(ZoneRules rules, Instant lasting, ZoneOffsetTransition change) {
        Component observance = new Component(rules.isDaylightSavings(lasting) ? "DAYLIGHT" : "STANDARD");
        // DTSTART is the local time of the change as the offset before it reads it (RFC 5545 3.6.5).
        observance.add(Property.of("DTSTART", EventTime.DATE_TIME.format(change.getDateTimeBefore())));
        observance.add(Property.of("TZOFFSETFROM", offset(change.getOffsetBefore())));
        observance.add(Property.of("TZOFFSETTO", offset(change.getOffsetAfter())));
        return observance;
    }

    /**
     * @return the rule as a yearly RRULE: "the last Sunday of March" (java.time's "Sunday on or after the 25th"),
     *     "the second Sunday" (on or after the 8th), else the seven days it may fall on
     */
    static String rrule(ZoneOffsetTransitionRule rule) {
        int month = rule.getMonth().getValue();
        int day = rule.getDayOfMonthIndicator();
        DayOfWeek weekday = rule.getDayOfWeek();
        String base = "FREQ=YEARLY;BYMONTH=" + month;
        if (weekday == null) {
            return base + ";BYMONTHDAY=" + day;
        }
        String byDay = weekday.name().substring(0, 2).toUpperCase(Locale.ROOT);
        int length = rule.getMonth().minLength();
        if (day == -1
                || (day > 0 && day + 6 == length && length == rule.getMonth().maxLength())) {
            return base + ";BYDAY=-1" + byDay;
        }
        if (day > 0 && (day - 1) % 7 == 0) {
            return base + ";BYDAY=" + ((day - 1) / 7 + 1) + byDay;
        }
        StringBuilder days = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            days.append(i == 0 ? "" : ",").append(day > 0 ? day + i : day - i);
        }
        return base + ";BYMONTHDAY=" + days + ";BYDAY=" + byDay;
    }

    /** @return {@code +0100}, {@code -0330}, {@code +053045} */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String text = (total < 0 ? "-" : "+") + twoDigits(abs / 3600) + twoDigits(abs / 60 % 60);
        return abs % 60 == 0 ? text : text + twoDigits(abs % 60);
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}

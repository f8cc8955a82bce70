package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Property;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;

/**
 * A start, end or recurrence instance as iCalendar has them: a date (all-day), a floating local time (no zone: the
 * same wall time wherever one is), or a local time in an IANA zone (UTC included, written with {@code Z}).
 *
 * @param date the local date-time (midnight for an all-day date)
 * @param zone the zone; null for dates and floating times
 * @param allDay whether this is a date without time
 */
public record EventTime(LocalDateTime date, ZoneId zone, boolean allDay) {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    /** The earliest and latest offsets in use on Earth: where a floating or all-day time may fall at the extremes. */
    private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

    private static final ZoneOffset LATEST = ZoneOffset.ofHours(-12);

    public static EventTime ofDate(LocalDate date) {
        return new EventTime(date.atStartOfDay(), null, true);
    }

    public static EventTime floating(LocalDateTime date) {
        return new EventTime(date, null, false);
    }

    public static EventTime zoned(LocalDateTime date, ZoneId zone) {
        return new EventTime(date, zone, false);
    }

    public static EventTime at(Instant instant, ZoneId zone) {
        return zoned(LocalDateTime.ofInstant(instant, zone), zone);
    }

    public boolean floating() {
        return !allDay && zone == null;
    }

    public boolean utc() {
        return zone != null && zone.equals(ZoneOffset.UTC);
    }

    /** @return the instant it stands for, floating and all-day times taken in {@code fallback} */
    public Instant instant(ZoneId fallback) {
        return date.atZone(zone == null ? fallback : zone).toInstant();
    }

    /** @return the earliest instant it may stand for in any zone */
    Instant earliest() {
        return zone == null ? date.toInstant(EARLIEST) : instant(zone);
    }

    /** @return the latest instant it may stand for in any zone */
    Instant latest() {
        return zone == null ? date.toInstant(LATEST) : instant(zone);
    }

    /**
     * @return the key of a recurrence instance, as used in URLs and to match RECURRENCE-IDs: {@code 20260329} for a
     *     date, {@code 20260329T100000} for a floating time, {@code 20260329T080000Z} (in UTC) for a zoned one
     */
    public String key() {
        if (allDay) {
            return DATE.format(date);
        }
        if (zone == null) {
            return DATE_TIME.format(date);
        }
        return DATE_TIME.format(LocalDateTime.ofInstant(instant(zone), ZoneOffset.UTC)) + "Z";
    }

    /** @return this time as a property value with its VALUE/TZID parameters */
    public Property property(String name) {
        if (allDay) {
            return Property.of(name, Map.of("VALUE", "DATE"), DATE.format(date));
        }
        if (zone == null) {
            return Property.of(name, DATE_TIME.format(date));
        }
        if (utc()) {
            return Property.of(name, DATE_TIME.format(date) + "Z");
        }
        return Property.of(name, Map.of("TZID", zone.getId()), DATE_TIME.format(date));
    }

    /** @return the value alone, as in an RDATE or EXDATE list sharing this time's parameters */
    public String value() {
        if (allDay) {
            return DATE.format(date);
        }
        return DATE_TIME.format(date) + (utc() ? "Z" : "");
    }

    /** @return the same kind of time (date, floating, zone) at {@code other}'s wall time */
    EventTime withDate(LocalDateTime other) {
        return new EventTime(other, zone, allDay);
    }

    /** @return lib-recur's view of it, to start an RRULE iteration from */
    DateTime toDateTime() {
        if (allDay) {
            return new DateTime(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
        }
        if (zone == null) {
            return new DateTime(
                    date.getYear(),
                    date.getMonthValue() - 1,
                    date.getDayOfMonth(),
                    date.getHour(),
                    date.getMinute(),
                    date.getSecond());
        }
        return new DateTime(TimeZone.getTimeZone(zone), instant(zone).toEpochMilli());
    }

    /** @return an instance lib-recur computed from {@link #toDateTime()}, as the same kind of time */
    EventTime fromDateTime(DateTime instance) {
        if (zone != null) {
            return zoned(
                    ZonedDateTime.ofInstant(Instant.ofEpochMilli(instance.getTimestamp()), zone)
                            .toLocalDateTime(),
                    zone);
        }
        LocalDateTime local = LocalDateTime.of(
                instance.getYear(),
                instance.getMonth() + 1,
                instance.getDayOfMonth(),
                allDay ? 0 : instance.getHours(),
                allDay ? 0 : instance.getMinutes(),
                allDay ? 0 : instance.getSeconds());
        return new EventTime(local, null, allDay);
    }
}

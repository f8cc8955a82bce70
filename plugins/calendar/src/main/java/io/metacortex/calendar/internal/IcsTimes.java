package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.Property;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads DATE and DATE-TIME property values (RFC 5545 3.3.4, 3.3.5) into {@link EventTime}s. A TZID must name an IANA
 * zone, as Google, Apple and most servers write them; a zone known only from a custom VTIMEZONE is refused (422).
 */
final class IcsTimes {

    private IcsTimes() {}

    static EventTime read(Property property) {
        List<EventTime> times = readList(property);
        if (times.size() != 1) {
            throw new IcsException(property.line(), property.name() + " must hold one date or date-time");
        }
        return times.get(0);
    }

    /** @return the comma-separated values of an RDATE or EXDATE (a PERIOD by its start: {@link RdatePeriods} has its end) */
    static List<EventTime> readList(Property property) {
        boolean date = property.parameter("VALUE")
                .map(v -> v.toUpperCase(Locale.ROOT).equals("DATE"))
                .orElse(false);
        ZoneId zone =
                property.parameter("TZID").map(tzid -> zone(property, tzid)).orElse(null);
        List<EventTime> times = new ArrayList<>();
        for (String raw : property.value().split(",", -1)) {
            String value = raw.strip();
            int slash = value.indexOf('/');
            if (slash >= 0) {
                value = value.substring(0, slash);
            }
            times.add(parse(property, value, date, zone));
        }
        return times;
    }

    /** @return one value of the property's kind (its VALUE=DATE and TZID apply), e.g. one half of a period */
    static EventTime readOne(Property property, String value) {
        boolean date = property.parameter("VALUE")
                .map(v -> v.toUpperCase(Locale.ROOT).equals("DATE"))
                .orElse(false);
        ZoneId zone =
                property.parameter("TZID").map(tzid -> zone(property, tzid)).orElse(null);
        return parse(property, value.strip(), date, zone);
    }

    private static EventTime parse(Property property, String value, boolean date, ZoneId zone) {
        try {
            if (date || value.length() == 8) {
                return EventTime.ofDate(LocalDate.parse(value, EventTime.DATE));
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return EventTime.zoned(
                        LocalDateTime.parse(value.substring(0, value.length() - 1), EventTime.DATE_TIME),
                        ZoneOffset.UTC);
            }
            LocalDateTime local = LocalDateTime.parse(value, EventTime.DATE_TIME);
            return zone == null ? EventTime.floating(local) : EventTime.zoned(local, zone);
        } catch (DateTimeParseException e) {
            throw new IcsException(
                    property.line(), property.name() + " has an invalid date or date-time \"" + value + "\"");
        }
    }

    private static ZoneId zone(Property property, String tzid) {
        String id = tzid.startsWith("/") ? tzid.substring(1) : tzid;
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IcsException(
                    property.line(),
                    property.name() + " has TZID \"" + tzid + "\", which is not an IANA time zone (such as"
                            + " Europe/Berlin)");
        }
    }
}

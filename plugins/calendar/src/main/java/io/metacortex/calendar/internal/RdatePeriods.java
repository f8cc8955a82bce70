package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.Property;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * RDATEs written as periods (RFC 5545 3.3.9, {@code RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z} or
 * {@code .../PT2H}): such an instance ends where its period does, not after the series' own length.
 */
final class RdatePeriods {

    private RdatePeriods() {}

    /**
     * @return the ends of the master's RDATE periods by the key of their instance (as {@link Recurrences#starts} keys
     *     it); empty when no RDATE is a period
     * @throws IcsException naming the line of a period whose end is not a date-time or duration after its start
     */
    static Map<String, EventTime> ends(Component master, EventTime seriesStart) {
        Map<String, EventTime> ends = new HashMap<>();
        for (Property rdate : master.all("RDATE")) {
            String[] values = rdate.value().split(",", -1);
            for (String raw : values) {
                String value = raw.strip();
                int slash = value.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                EventTime start = Recurrences.sameKind(seriesStart, IcsTimes.readOne(rdate, value.substring(0, slash)));
                EventTime end = end(rdate, start, value.substring(slash + 1));
                if (end.instant(ZoneOffset.UTC).isBefore(start.instant(ZoneOffset.UTC))) {
                    throw new IcsException(rdate.line(), "RDATE period \"" + value + "\" ends before it starts");
                }
                ends.put(start.key(), end);
            }
        }
        return ends;
    }

    private static EventTime end(Property rdate, EventTime start, String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.startsWith("P") || value.startsWith("+P")) {
            try {
                return value.contains("T")
                        ? start.withDate(start.date().plus(Duration.parse(value)))
                        : start.withDate(start.date().plus(Period.parse(value)));
            } catch (DateTimeParseException e) {
                throw new IcsException(rdate.line(), "RDATE period has an invalid duration \"" + text + "\"");
            }
        }
        return Recurrences.sameKind(start, IcsTimes.readOne(rdate, value));
    }
}

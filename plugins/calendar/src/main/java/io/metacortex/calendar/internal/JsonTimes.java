package io.metacortex.calendar.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** How {@link EventTime}s are written in JSON, and read back from requests. */
final class JsonTimes {

    private JsonTimes() {}

    /**
     * @return {@code 2026-03-22} for a date, {@code 2026-03-22T09:00} for a floating time, the offset date-time
     *     ({@code 2026-03-22T09:00+01:00}) of a zoned one
     */
    static String write(EventTime time) {
        if (time.allDay()) {
            return time.date().toLocalDate().toString();
        }
        if (time.zone() == null) {
            return time.date().toString();
        }
        return time.date().atZone(time.zone()).toOffsetDateTime().toString();
    }

    /** @return the time {@code text} stands for, or empty when it is not of the form the other arguments ask */
    static Optional<EventTime> read(String text, boolean allDay, ZoneId zone) {
        String value = text.strip();
        try {
            if (allDay) {
                return Optional.of(EventTime.ofDate(LocalDate.parse(value)));
            }
            if (value.length() > 10 && hasOffset(value)) {
                OffsetDateTime instant = OffsetDateTime.parse(value);
                ZoneId in = zone == null ? ZoneOffset.UTC : zone;
                return Optional.of(EventTime.at(instant.toInstant(), in));
            }
            LocalDateTime local = LocalDateTime.parse(value);
            return Optional.of(zone == null ? EventTime.floating(local) : EventTime.zoned(local, zone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the IANA zone of this id (Europe/Berlin, UTC), empty for offsets (+02:00) and unknown ids */
    static Optional<ZoneId> iana(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
    }

    private static boolean hasOffset(String value) {
        String time = value.substring(10);
        return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.contains("-");
    }
}

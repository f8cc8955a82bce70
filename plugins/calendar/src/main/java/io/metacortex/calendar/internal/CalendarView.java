package io.metacortex.calendar.internal;

import java.time.Instant;

/**
 * A calendar as the API shows it.
 *
 * @param syncToken grows with every change of the calendar or of one of its events
 */
public record CalendarView(
        long id, String name, String colour, String timeZone, long syncToken, Instant createdAt, Instant updatedAt) {}

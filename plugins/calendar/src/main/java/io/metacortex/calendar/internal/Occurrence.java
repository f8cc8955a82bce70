package io.metacortex.calendar.internal;

import java.time.Instant;

/**
 * One instance of an event in a range: the series' (or the override's) fields at this instance's times.
 *
 * @param recurrenceId the key of the instance in its series ({@link EventTime#key()}), null for a single event
 * @param startsAt {@code start} as an instant (floating and all-day times in the calendar's zone)
 * @param overridden whether the instance was edited on its own (a RECURRENCE-ID override)
 */
record Occurrence(
        long calendarId,
        String uid,
        String recurrenceId,
        EventFields fields,
        EventTime start,
        EventTime end,
        Instant startsAt,
        Instant endsAt,
        boolean overridden) {}

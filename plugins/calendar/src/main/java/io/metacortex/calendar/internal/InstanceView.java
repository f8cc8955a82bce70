package io.metacortex.calendar.internal;

/**
 * One instance of an event in a range.
 *
 * @param recurrenceId the instance's key in its series (the URL segment that edits or deletes it), null for a single
 *     event
 * @param start see {@link JsonTimes#write}
 * @param overridden whether this instance was edited on its own
 * @param overlaps whether it overlaps another timed instance in the answer
 */
public record InstanceView(
        long calendarId,
        String uid,
        String recurrenceId,
        String title,
        String location,
        String start,
        String end,
        String timeZone,
        boolean allDay,
        boolean overridden,
        boolean overlaps,
        LinkedTask task) {}

package io.metacortex.calendar.internal;

import java.util.List;

/**
 * The body that creates or replaces an event (a series, or one instance of it).
 *
 * @param uid the iCalendar UID of a new event; generated when absent (ignored on updates)
 * @param start an instant with offset ({@code 2026-03-22T09:00:00+01:00}) shown in {@code timeZone}; a local time
 *     ({@code 2026-03-22T09:00:00}) in {@code timeZone}, or floating when there is no zone; a date when
 *     {@code allDay}
 * @param end as {@code start}, after it; one hour (all-day: one day) after the start when absent
 * @param timeZone an IANA zone id, or null for floating (and all-day) times
 * @param rrule an RRULE such as {@code FREQ=WEEKLY;BYDAY=MO}, or null
 * @param rdates extra instance starts, written like {@code start}
 * @param exdates instance starts left out, written like {@code start}
 * @param reminders minutes before the start (0 to 40320), at most 10
 * @param taskId a task of the tasks plugin this event time-blocks, or null
 */
public record EventRequest(
        String uid,
        String title,
        String location,
        String description,
        String start,
        String end,
        String timeZone,
        Boolean allDay,
        String rrule,
        List<String> rdates,
        List<String> exdates,
        List<AttendeeRequest> attendees,
        List<Integer> reminders,
        Long taskId) {

    /** An attendee: {@code email} required, the others optional. */
    public record AttendeeRequest(String email, String name, String role, String status) {}
}

package io.metacortex.calendar.internal;

import java.util.List;

/**
 * An event as the API shows it: a series (or single event) with its overridden instances, or one override.
 *
 * @param recurrenceId null for a series; the instance's key for an override
 * @param start see {@link JsonTimes#write}
 * @param timeZone the IANA zone of start and end, null for floating and all-day times
 * @param task the time-blocked task's title and status, null without a task
 * @param overrides the series' instances edited on their own (empty for an override)
 */
public record EventView(
        long calendarId,
        String uid,
        String etag,
        String recurrenceId,
        String title,
        String location,
        String description,
        String start,
        String end,
        String timeZone,
        boolean allDay,
        boolean floating,
        String rrule,
        List<String> rdates,
        List<String> exdates,
        List<Attendee> attendees,
        List<Integer> reminders,
        LinkedTask task,
        List<EventView> overrides) {

    static EventView of(
            long calendarId,
            String uid,
            String etag,
            String recurrenceId,
            EventFields fields,
            LinkedTask task,
            List<EventView> overrides) {
        return new EventView(
                calendarId,
                uid,
                etag,
                recurrenceId,
                fields.title(),
                fields.location(),
                fields.description(),
                JsonTimes.write(fields.start()),
                JsonTimes.write(fields.end()),
                fields.start().zone() == null ? null : fields.start().zone().getId(),
                fields.start().allDay(),
                fields.start().floating(),
                fields.rrule(),
                fields.rdates().stream().map(JsonTimes::write).toList(),
                fields.exdates().stream().map(JsonTimes::write).toList(),
                fields.attendees(),
                fields.reminders(),
                task,
                overrides);
    }
}

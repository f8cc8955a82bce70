package io.metacortex.calendar.internal;

import java.util.List;

/**
 * What the REST API reads and writes of one VEVENT (a series' master or one overridden instance); the VEVENT may
 * hold more (X- properties, sequence, organizer...), which edits keep.
 *
 * @param rrule the RRULE value, or null
 * @param reminders minutes before the start, one per VALARM with a relative TRIGGER
 * @param taskId the task this event time-blocks (X-METACORTEX-TASK-ID), or null
 */
public record EventFields(
        String title,
        String location,
        String description,
        EventTime start,
        EventTime end,
        String rrule,
        List<EventTime> rdates,
        List<EventTime> exdates,
        List<Attendee> attendees,
        List<Integer> reminders,
        Long taskId) {

    public EventFields {
        rdates = List.copyOf(rdates);
        exdates = List.copyOf(exdates);
        attendees = List.copyOf(attendees);
        reminders = List.copyOf(reminders);
    }

    public boolean recurring() {
        return rrule != null || !rdates.isEmpty();
    }

    EventFields withRecurrence(String newRule, List<EventTime> newRdates, List<EventTime> newExdates) {
        return new EventFields(
                title, location, description, start, end, newRule, newRdates, newExdates, attendees, reminders, taskId);
    }
}

package io.metacortex.calendar.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns an {@link EventRequest} into {@link EventFields}, or fails with a 422 naming every invalid field. */
final class EventRequestValidator {

    static final int MAX_TITLE = 500;
    static final int MAX_TEXT = 10_000;
    static final int MAX_REMINDERS = 10;
    static final int MAX_REMINDER_MINUTES = 40_320;
    static final int MAX_TIMES = 500;
    static final int MAX_ATTENDEES = 100;
    private static final Set<String> STATUSES =
            Set.of("NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED");
    private static final Set<String> ROLES = Set.of("CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT");

    private EventRequestValidator() {}

    /**
     * @param instance whether the request edits one instance of a series (no recurrence fields then)
     * @throws ApiException 422 when a field is invalid, 400 when there is no body
     */
    static EventFields validate(EventRequest request, boolean instance) {
        if (request == null) {
            throw ApiException.missingBody("the event's fields");
        }
        FieldErrors errors = new FieldErrors();
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty()) {
            errors.add("title", "must not be blank");
        } else if (title.length() > MAX_TITLE) {
            errors.add("title", "must be at most " + MAX_TITLE + " characters");
        }
        text("location", request.location(), errors);
        text("description", request.description(), errors);
        if (request.uid() != null && (request.uid().isBlank() || request.uid().length() > 255)) {
            errors.add("uid", "must be 1 to 255 characters");
        }
        boolean allDay = Boolean.TRUE.equals(request.allDay());
        ZoneId zone = null;
        if (request.timeZone() != null) {
            if (allDay) {
                errors.add("timeZone", "must be absent for an all-day event (its dates have no zone)");
            } else {
                zone = JsonTimes.iana(request.timeZone()).orElse(null);
                if (zone == null) {
                    errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin");
                }
            }
        }
        String form = allDay
                ? "a date such as 2026-03-22"
                : "an instant such as 2026-03-22T09:00:00+01:00 or a local time such as 2026-03-22T09:00:00";
        EventTime start = null;
        if (request.start() == null) {
            errors.add("start", "is required");
        } else {
            start = JsonTimes.read(request.start(), allDay, zone).orElse(null);
            if (start == null) {
                errors.add("start", "must be " + form);
            }
        }
        EventTime end = null;
        if (request.end() != null) {
            end = JsonTimes.read(request.end(), allDay, zone).orElse(null);
            if (end == null) {
                errors.add("end", "must be " + form);
            } else if (start != null && !end.instant(ZoneOffset.UTC).isAfter(start.instant(ZoneOffset.UTC))) {
                errors.add("end", "must be after start");
            }
        } else if (start != null) {
            end = start.withDate(
                    allDay ? start.date().plusDays(1) : start.date().plusHours(1));
        }
        String rrule = null;
        if (request.rrule() != null) {
            rrule = request.rrule().strip().toUpperCase(Locale.ROOT);
            if (rrule.startsWith("RRULE:")) {
                rrule = rrule.substring("RRULE:".length());
            }
            if (instance) {
                errors.add("rrule", "must be absent when editing one instance");
            } else if (rrule.isEmpty() || rrule.length() > 500 || !Recurrences.valid(rrule)) {
                errors.add("rrule", "must be an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=MO,WE");
            }
        }
        List<EventTime> rdates = times("rdates", request.rdates(), allDay, zone, instance, form, errors);
        List<EventTime> exdates = times("exdates", request.exdates(), allDay, zone, instance, form, errors);
        List<Attendee> attendees = attendees(request.attendees(), errors);
        List<Integer> reminders = reminders(request.reminders(), errors);
        if (request.taskId() != null && request.taskId() <= 0) {
            errors.add("taskId", "must be a positive task id");
        }
        errors.throwIfAny(ApiException::invalidBody);
        return new EventFields(
                title,
                blankToNull(request.location()),
                blankToNull(request.description()),
                start,
                end,
                rrule,
                rdates,
                exdates,
                attendees,
                reminders,
                request.taskId());
    }

    private static void text(String field, String value, FieldErrors errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(field, "must be at most " + MAX_TEXT + " characters");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<EventTime> times(
            String field,
            List<String> values,
            boolean allDay,
            ZoneId zone,
            boolean instance,
            String form,
            FieldErrors errors) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        if (instance) {
            errors.add(field, "must be absent when editing one instance");
            return List.of();
        }
        if (values.size() > MAX_TIMES) {
            errors.add(field, "must hold at most " + MAX_TIMES + " times");
            return List.of();
        }
        List<EventTime> times = new ArrayList<>();
        for (String value : values) {
            Optional<EventTime> time = value == null ? Optional.empty() : JsonTimes.read(value, allDay, zone);
            if (time.isEmpty()) {
                errors.add(field, "each must be " + form);
                return List.of();
            }
            times.add(time.get());
        }
        return times;
    }

    private static List<Attendee> attendees(List<EventRequest.AttendeeRequest> requests, FieldErrors errors) {
        if (requests == null) {
            return List.of();
        }
        if (requests.size() > MAX_ATTENDEES) {
            errors.add("attendees", "must hold at most " + MAX_ATTENDEES + " attendees");
            return List.of();
        }
        List<Attendee> attendees = new ArrayList<>();
        for (EventRequest.AttendeeRequest a : requests) {
            if (a == null || a.email() == null || !a.email().strip().matches("[^@\\s:;,\"]+@[^@\\s:;,\"]+")) {
                errors.add("attendees", "each needs an email such as ada@example.com");
                return List.of();
            }
            String role = a.role() == null ? null : a.role().toUpperCase(Locale.ROOT);
            String status = a.status() == null ? null : a.status().toUpperCase(Locale.ROOT);
            if (role != null && !ROLES.contains(role)) {
                errors.add("attendees", "role must be one of " + ROLES);
                return List.of();
            }
            if (status != null && !STATUSES.contains(status)) {
                errors.add("attendees", "status must be one of " + STATUSES);
                return List.of();
            }
            String name =
                    a.name() == null || a.name().isBlank() ? null : a.name().strip();
            if (name != null && name.length() > 200) {
                errors.add("attendees", "a name must be at most 200 characters");
                return List.of();
            }
            attendees.add(new Attendee(a.email().strip(), name, role, status));
        }
        return attendees;
    }

    private static List<Integer> reminders(List<Integer> minutes, FieldErrors errors) {
        if (minutes == null) {
            return List.of();
        }
        if (minutes.size() > MAX_REMINDERS
                || minutes.stream().anyMatch(m -> m == null || m < 0 || m > MAX_REMINDER_MINUTES)) {
            errors.add(
                    "reminders",
                    "must hold at most " + MAX_REMINDERS + " numbers of minutes before the start, each 0 to "
                            + MAX_REMINDER_MINUTES);
            return List.of();
        }
        return minutes.stream().distinct().sorted().toList();
    }
}

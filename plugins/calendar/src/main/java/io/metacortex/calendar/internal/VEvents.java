package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.Property;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link EventFields} out of a VEVENT, and writes them into one, keeping the properties it does not know. */
final class VEvents {

    static final String TASK_PROPERTY = "X-METACORTEX-TASK-ID";
    private static final Pattern TRIGGER_MINUTES =
            Pattern.compile("-P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    private VEvents() {}

    static String uid(Component vevent) {
        return vevent.property("UID")
                .map(p -> p.text().strip())
                .filter(uid -> !uid.isEmpty())
                .orElseThrow(() -> new IcsException(vevent.line(), "VEVENT without a UID"));
    }

    static Optional<EventTime> recurrenceId(Component vevent) {
        return vevent.property("RECURRENCE-ID").map(IcsTimes::read);
    }

    static EventFields read(Component vevent) {
        Property dtstart = vevent.property("DTSTART")
                .orElseThrow(() -> new IcsException(vevent.line(), "VEVENT without a DTSTART"));
        EventTime start = IcsTimes.read(dtstart);
        EventTime end = end(vevent, start);
        String rrule = vevent.property("RRULE").map(p -> checkRule(p, start)).orElse(null);
        List<EventTime> rdates = new ArrayList<>();
        vevent.all("RDATE").forEach(p -> rdates.addAll(IcsTimes.readList(p)));
        List<EventTime> exdates = new ArrayList<>();
        vevent.all("EXDATE").forEach(p -> exdates.addAll(IcsTimes.readList(p)));
        List<Attendee> attendees = vevent.all("ATTENDEE").stream()
                .map(p -> new Attendee(
                        p.value().regionMatches(true, 0, "mailto:", 0, 7)
                                ? p.value().substring(7)
                                : p.value(),
                        p.parameter("CN").orElse(null),
                        p.parameter("ROLE").orElse(null),
                        p.parameter("PARTSTAT").orElse(null)))
                .toList();
        List<Integer> reminders = new ArrayList<>();
        for (Component alarm : vevent.children("VALARM")) {
            alarm.property("TRIGGER")
                    .filter(t -> t.parameter("VALUE").isEmpty()
                            && !t.parameter("RELATED")
                                    .map("END"::equalsIgnoreCase)
                                    .orElse(false))
                    .flatMap(VEvents::minutesBefore)
                    .ifPresent(reminders::add);
        }
        Long taskId = vevent.property(TASK_PROPERTY).map(p -> taskId(p)).orElse(null);
        return new EventFields(
                vevent.property("SUMMARY").map(Property::text).orElse(""),
                vevent.property("LOCATION").map(Property::text).orElse(null),
                vevent.property("DESCRIPTION").map(Property::text).orElse(null),
                start,
                end,
                rrule,
                rdates,
                exdates,
                attendees,
                reminders,
                taskId);
    }

    private static EventTime end(Component vevent, EventTime start) {
        Optional<Property> dtend = vevent.property("DTEND");
        if (dtend.isPresent()) {
            EventTime end = IcsTimes.read(dtend.get());
            if (end.allDay() != start.allDay()) {
                throw new IcsException(dtend.get().line(), "DTEND must be a date exactly when DTSTART is");
            }
            // Both in one zone (or both floating): their wall times compare; across zones, their instants do.
            if (end.instant(ZoneOffset.UTC).isBefore(start.instant(ZoneOffset.UTC))
                    && (start.zone() == null) == (end.zone() == null)) {
                throw new IcsException(dtend.get().line(), "DTEND is before DTSTART");
            }
            return end;
        }
        Optional<Property> duration = vevent.property("DURATION");
        if (duration.isPresent()) {
            String value = duration.get().value().strip().toUpperCase(Locale.ROOT);
            try {
                if (value.contains("T")) {
                    return start.withDate(start.date().plus(Duration.parse(value)));
                }
                return start.withDate(start.date().plus(Period.parse(value)));
            } catch (DateTimeParseException e) {
                throw new IcsException(duration.get().line(), "DURATION \"" + value + "\" is not a duration");
            }
        }
        // RFC 5545 3.6.1: a date lasts the day, a date-time is a point.
        return start.allDay() ? start.withDate(start.date().plusDays(1)) : start;
    }

    private static String checkRule(Property property, EventTime start) {
        String rule = property.value().strip();
        if (!Recurrences.valid(rule)) {
            throw new IcsException(property.line(), "RRULE \"" + rule + "\" is not a valid recurrence rule");
        }
        return rule;
    }

    private static Long taskId(Property property) {
        try {
            return Long.parseLong(property.value().strip());
        } catch (NumberFormatException e) {
            throw new IcsException(property.line(), TASK_PROPERTY + " must be a task id");
        }
    }

    private static Optional<Integer> minutesBefore(Property trigger) {
        Matcher m = TRIGGER_MINUTES.matcher(trigger.value().strip().toUpperCase(Locale.ROOT));
        if (trigger.value().strip().equals("PT0S") || trigger.value().strip().equals("-PT0S")) {
            return Optional.of(0);
        }
        if (!m.matches()) {
            return Optional.empty();
        }
        long minutes =
                group(m, 1) * 7 * 24 * 60 + group(m, 2) * 24 * 60 + group(m, 3) * 60 + group(m, 4) + group(m, 5) / 60;
        return Optional.of((int) Math.min(minutes, Integer.MAX_VALUE));
    }

    private static long group(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /**
     * Writes {@code fields} into {@code vevent}: the properties the fields stand for are replaced (or removed when
     * empty), the VALARMs with a relative trigger before the start are replaced by one per reminder, everything else
     * is kept.
     */
    static void write(Component vevent, EventFields fields) {
        vevent.set(Property.text("SUMMARY", fields.title()));
        setText(vevent, "LOCATION", fields.location());
        setText(vevent, "DESCRIPTION", fields.description());
        vevent.set(fields.start().property("DTSTART"));
        vevent.remove("DURATION");
        vevent.set(fields.end().property("DTEND"));
        if (fields.rrule() == null) {
            vevent.remove("RRULE");
        } else {
            vevent.set(Property.of("RRULE", fields.rrule()));
        }
        setList(vevent, "RDATE", fields.rdates());
        setList(vevent, "EXDATE", fields.exdates());
        vevent.remove("ATTENDEE");
        for (Attendee attendee : fields.attendees()) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (attendee.name() != null) {
                parameters.put("CN", Property.parameterValue(attendee.name()));
            }
            if (attendee.role() != null) {
                parameters.put("ROLE", attendee.role());
            }
            if (attendee.status() != null) {
                parameters.put("PARTSTAT", attendee.status());
            }
            vevent.add(Property.of("ATTENDEE", parameters, "mailto:" + attendee.email()));
        }
        if (fields.taskId() == null) {
            vevent.remove(TASK_PROPERTY);
        } else {
            vevent.set(Property.of(TASK_PROPERTY, fields.taskId().toString()));
        }
        vevent.children()
                .removeIf(child -> child.name().equals("VALARM")
                        && child.property("TRIGGER")
                                .filter(t -> t.parameter("VALUE").isEmpty())
                                .flatMap(VEvents::minutesBefore)
                                .isPresent());
        for (int minutes : fields.reminders()) {
            Component alarm = new Component("VALARM");
            alarm.add(Property.of("ACTION", "DISPLAY"));
            alarm.add(Property.text("DESCRIPTION", fields.title()));
            alarm.add(Property.of("TRIGGER", "-PT" + minutes + "M"));
            vevent.children().add(alarm);
        }
    }

    private static void setText(Component vevent, String name, String text) {
        if (text == null) {
            vevent.remove(name);
        } else {
            vevent.set(Property.text(name, text));
        }
    }

    /** Writes the times as one property per kind of time (dates, floating, each zone), in order. */
    private static void setList(Component vevent, String name, List<EventTime> times) {
        vevent.remove(name);
        Map<String, List<EventTime>> byKind = new LinkedHashMap<>();
        for (EventTime time : times) {
            byKind.computeIfAbsent(time.property(name).parameters().toString(), k -> new ArrayList<>())
                    .add(time);
        }
        for (List<EventTime> same : byKind.values()) {
            Property first = same.get(0).property(name);
            vevent.add(Property.of(
                    name,
                    first.parameters(),
                    String.join(",", same.stream().map(EventTime::value).toList())));
        }
    }
}

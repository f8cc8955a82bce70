package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.IcsReader;
import io.metacortex.calendar.internal.ics.IcsWriter;
import io.metacortex.calendar.internal.ics.Property;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One calendar object resource: a VCALENDAR holding the VEVENTs of one UID (the master and its RECURRENCE-ID
 * overrides) and the VTIMEZONEs they name, kept as components so that everything else in them survives an edit.
 */
final class CalendarObject {

    static final String PRODID = "-//MetaCortex//Calendar 1.0//EN";

    private final Component calendar;

    private CalendarObject(Component calendar) {
        this.calendar = calendar;
    }

    /** @return the object stored as {@code ics} */
    static CalendarObject parse(String ics) {
        List<Component> calendars = IcsReader.read(ics);
        CalendarObject object = new CalendarObject(calendars.get(0));
        object.check();
        return object;
    }

    /** @return a new object holding {@code events} (one UID) and the {@code timeZones} they name */
    static CalendarObject of(Component source, List<Component> events, List<Component> timeZones) {
        Component calendar = new Component("VCALENDAR");
        calendar.add(Property.of("VERSION", "2.0"));
        calendar.add(
                source == null
                        ? Property.of("PRODID", PRODID)
                        : source.property("PRODID").orElse(Property.of("PRODID", PRODID)));
        if (source != null) {
            source.property("CALSCALE").ifPresent(calendar::add);
        }
        Set<String> named = new TreeSet<>();
        events.forEach(event -> collectTzids(event, named));
        timeZones.stream()
                .filter(tz ->
                        tz.property("TZID").map(p -> named.contains(p.value())).orElse(false))
                .forEach(tz -> calendar.children().add(tz.copy()));
        events.forEach(event -> calendar.children().add(event.copy()));
        CalendarObject object = new CalendarObject(calendar);
        object.check();
        return object;
    }

    /** @return a new object with one master VEVENT of {@code uid} holding {@code fields} */
    static CalendarObject create(String uid, EventFields fields, Instant now) {
        Component event = new Component("VEVENT");
        event.add(Property.text("UID", uid));
        event.add(Property.of("DTSTAMP", stamp(now)));
        event.add(Property.of("CREATED", stamp(now)));
        VEvents.write(event, fields);
        return of(null, List.of(event), List.of());
    }

    private static void collectTzids(Component component, Set<String> named) {
        component.properties().forEach(p -> p.parameter("TZID").ifPresent(named::add));
        component.children().forEach(child -> collectTzids(child, named));
    }

    /**
     * Adds a VTIMEZONE, written from the JVM's rules ({@link VTimeZones}), for each zone its events name by TZID
     * without one (events created or edited through the REST API), after the VTIMEZONEs it has.
     */
    private void addMissingTimeZones() {
        Set<String> named = new TreeSet<>();
        events().forEach(event -> collectTzids(event, named));
        timeZones().forEach(tz -> tz.property("TZID").ifPresent(p -> named.remove(p.value())));
        int at = calendar.children()
                .indexOf(
                        timeZones().isEmpty()
                                ? null
                                : timeZones().get(timeZones().size() - 1));
        for (String tzid : named) {
            JsonTimes.iana(tzid).ifPresent(zone -> {
                Component generated = VTimeZones.of(zone);
                generated.set(Property.of("TZID", tzid));
                calendar.children().add(at + 1, generated);
            });
        }
    }

    private void check() {
        addMissingTimeZones();
        List<Component> events = events();
        if (events.isEmpty()) {
            throw new IcsException(calendar.line(), "VCALENDAR without a VEVENT");
        }
        String uid = VEvents.uid(events.get(0));
        Set<String> keys = new TreeSet<>();
        for (Component event : events) {
            if (!VEvents.uid(event).equals(uid)) {
                throw new IcsException(event.line(), "a calendar object holds one UID");
            }
            RdatePeriods.ends(event, VEvents.read(event).start());
            String key = VEvents.recurrenceId(event).map(EventTime::key).orElse("");
            if (!keys.add(key)) {
                throw new IcsException(
                        event.line(),
                        key.isEmpty()
                                ? "a second VEVENT without RECURRENCE-ID for UID " + uid
                                : "a second VEVENT for RECURRENCE-ID " + key);
            }
        }
    }

    List<Component> events() {
        return calendar.children("VEVENT");
    }

    String uid() {
        return VEvents.uid(events().get(0));
    }

    Optional<Component> master() {
        return events().stream()
                .filter(e -> e.property("RECURRENCE-ID").isEmpty())
                .findFirst();
    }

    /** @return the overridden instances by the key of their RECURRENCE-ID, taken as the master's kind of time */
    Map<String, Component> overrides() {
        Optional<EventTime> masterStart = master().map(m -> VEvents.read(m).start());
        Map<String, Component> overrides = new LinkedHashMap<>();
        for (Component event : events()) {
            VEvents.recurrenceId(event)
                    .ifPresent(rid -> overrides.put(
                            masterStart
                                    .map(s -> Recurrences.sameKind(s, rid))
                                    .orElse(rid)
                                    .key(),
                            event));
        }
        return overrides;
    }

    List<Component> timeZones() {
        return calendar.children("VTIMEZONE");
    }

    String text() {
        addMissingTimeZones();
        return IcsWriter.write(calendar);
    }

    String etag() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the master's fields, or those of the first override when the object holds only overrides */
    EventFields fields() {
        return VEvents.read(master().orElse(events().get(0)));
    }

    boolean allDay() {
        return fields().start().allDay();
    }

    /** @return the start of its first instance, as early as it may be */
    Instant firstStart() {
        Instant first = null;
        for (Component event : events()) {
            Instant start = VEvents.read(event).start().earliest();
            first = first == null || start.isBefore(first) ? start : first;
        }
        return first;
    }

    /** @return the end of its last instance, as late as it may be; empty for an unbounded RRULE */
    Optional<Instant> lastEnd() {
        Instant last = null;
        for (Component event : events()) {
            EventFields fields = VEvents.read(event);
            if (event.property("RECURRENCE-ID").isEmpty()
                    && fields.rrule() != null
                    && Recurrences.unbounded(fields.rrule())) {
                return Optional.empty();
            }
            List<EventTime> starts = event.property("RECURRENCE-ID").isPresent()
                    ? List.of(fields.start())
                    : new ArrayList<>(Recurrences.starts(fields, null).values());
            if (starts.isEmpty()) {
                continue;
            }
            Duration length =
                    Duration.between(fields.start().date(), fields.end().date());
            EventTime lastStart = starts.get(starts.size() - 1);
            Instant end = lastStart.withDate(lastStart.date().plus(length)).latest();
            last = last == null || end.isAfter(last) ? end : last;
            if (event.property("RECURRENCE-ID").isEmpty()) {
                // an RDATE period may end after the last instance does
                for (EventTime periodEnd :
                        RdatePeriods.ends(event, fields.start()).values()) {
                    last = periodEnd.latest().isAfter(last) ? periodEnd.latest() : last;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /** Replaces the master VEVENT's fields, keeping its other properties; adds a master when there is none. */
    void updateMaster(EventFields fields, Instant now) {
        Component master = master().orElseGet(() -> {
            Component created = new Component("VEVENT");
            created.add(Property.text("UID", uid()));
            calendar.children().add(created);
            return created;
        });
        VEvents.write(master, fields);
        touch(master, now);
    }

    /** Writes the instance of {@code key} (originally at {@code original}) as an override with {@code fields}. */
    void override(String key, EventTime original, EventFields fields, Instant now) {
        Component override = overrides().get(key);
        if (override == null) {
            override = master().orElseThrow().copy();
            override.remove("RRULE");
            override.remove("RDATE");
            override.remove("EXDATE");
            override.set(original.property("RECURRENCE-ID"));
            calendar.children().add(override);
        }
        VEvents.write(override, fields);
        touch(override, now);
    }

    /** Leaves out the instance of {@code key}: an EXDATE on the master, its override (if any) removed. */
    void exclude(String key, EventTime original, Instant now) {
        Component override = overrides().get(key);
        if (override != null) {
            calendar.children().remove(override);
        }
        Component master = master().orElseThrow();
        EventFields fields = VEvents.read(master);
        List<EventTime> exdates = new ArrayList<>(fields.exdates());
        exdates.add(original);
        VEvents.write(master, fields.withRecurrence(fields.rrule(), fields.rdates(), exdates));
        touch(master, now);
    }

    /** Removes the overrides of instances at or after {@code split} (they move to the new series, or go). */
    void dropOverridesFrom(EventTime split) {
        Instant at = split.earliest();
        overrides().forEach((key, override) -> {
            EventTime rid = VEvents.recurrenceId(override).orElseThrow();
            if (!rid.latest().isBefore(at)) {
                calendar.children().remove(override);
            }
        });
    }

    private static void touch(Component event, Instant now) {
        event.set(Property.of("DTSTAMP", stamp(now)));
        event.set(Property.of("LAST-MODIFIED", stamp(now)));
        int sequence = event.property("SEQUENCE")
                .map(p -> {
                    try {
                        return Integer.parseInt(p.value().strip());
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                })
                .orElse(-1);
        event.set(Property.of("SEQUENCE", Integer.toString(sequence + 1)));
    }

    static String stamp(Instant now) {
        return EventTime.DATE_TIME.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + "Z";
    }
}

package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.IcsReader;
import io.metacortex.calendar.internal.ics.IcsWriter;
import io.metacortex.calendar.internal.ics.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** ICS import into a calendar (one transaction: all or nothing) and export of a whole calendar. */
public final class IcsTransfer {

    /**
     * What an import did.
     *
     * @param uids the UIDs stored, in the order of the file (an existing UID was replaced; one whose text is the
     *     same as stored was left as it was)
     * @param skipped components other than VEVENT (VTODO, VJOURNAL, ...), not stored
     */
    public record ImportResult(int imported, List<String> uids, int skipped) {}

    private final Jdbi jdbi;
    private final Reminders reminders;

    IcsTransfer(Jdbi jdbi, Reminders reminders) {
        this.jdbi = jdbi;
        this.reminders = reminders;
    }

    ImportResult importIcs(UUID owner, long calendarId, String text) {
        if (text == null || text.isBlank()) {
            throw CalendarErrors.invalidIcs("the body must be iCalendar text (BEGIN:VCALENDAR ... END:VCALENDAR)");
        }
        Parsed parsed;
        try {
            parsed = parse(text);
        } catch (IcsException e) {
            throw CalendarErrors.invalidIcs(e.getMessage());
        }
        List<CalendarObject> objects = parsed.objects();
        int skipped = parsed.skipped();
        List<EventService.Stored> stored = jdbi.inTransaction(h -> {
            CalendarView calendar = CalendarService.require(h, owner, calendarId);
            List<EventService.Stored> done = new ArrayList<>();
            for (CalendarObject object : objects) {
                // The same text again is no change: no new change number, so a sync since then lists nothing.
                Optional<StoredObject> current = CalendarDao.findObject(h, owner, calendarId, object.uid());
                if (current.isPresent() && current.get().etag().equals(object.etag())) {
                    done.add(new EventService.Stored(calendar, current.get(), object));
                } else {
                    done.add(EventService.put(h, owner, calendar, object));
                }
            }
            return done;
        });
        for (EventService.Stored s : stored) {
            reminders.reschedule(owner, s);
        }
        return new ImportResult(
                stored.size(), stored.stream().map(s -> s.object().uid()).toList(), skipped);
    }

    /** The objects of an iCalendar file, one per UID of each VCALENDAR, and how many other components it had. */
    record Parsed(List<CalendarObject> objects, int skipped) {}

    /**
     * Reads iCalendar text into one object per UID (master and overrides together, with the VTIMEZONEs they name).
     *
     * @throws IcsException naming the line of malformed text
     */
    static Parsed parse(String text) {
        List<CalendarObject> objects = new ArrayList<>();
        int skipped = 0;
        for (Component calendar : IcsReader.read(text)) {
            Map<String, List<Component>> byUid = new LinkedHashMap<>();
            for (Component child : calendar.children()) {
                if (child.name().equals("VEVENT")) {
                    byUid.computeIfAbsent(VEvents.uid(child), uid -> new ArrayList<>())
                            .add(child);
                } else if (!child.name().equals("VTIMEZONE")) {
                    skipped++;
                }
            }
            for (List<Component> events : byUid.values()) {
                objects.add(CalendarObject.of(calendar, events, calendar.children("VTIMEZONE")));
            }
        }
        return new Parsed(objects, skipped);
    }

    /** @return the calendar as one VCALENDAR: its VTIMEZONEs (once per TZID) and every VEVENT of every object */
    String export(UUID owner, long calendarId) {
        return jdbi.withHandle(h -> {
            CalendarView calendar = CalendarDao.findCalendar(h, owner, calendarId)
                    .orElseThrow(() -> CalendarErrors.calendarNotFound(Long.toString(calendarId)));
            Component out = new Component("VCALENDAR");
            out.add(Property.of("VERSION", "2.0"));
            out.add(Property.of("PRODID", CalendarObject.PRODID));
            out.add(Property.of("CALSCALE", "GREGORIAN"));
            out.add(Property.text("X-WR-CALNAME", calendar.name()));
            out.add(Property.of("X-WR-TIMEZONE", calendar.timeZone()));
            Map<String, Component> timeZones = new LinkedHashMap<>();
            List<Component> events = new ArrayList<>();
            for (StoredObject stored : CalendarDao.allObjects(h, owner, calendarId)) {
                CalendarObject object = CalendarObject.parse(stored.ics());
                object.timeZones()
                        .forEach(tz -> timeZones.putIfAbsent(
                                tz.property("TZID").map(Property::value).orElse(""), tz));
                events.addAll(object.events());
            }
            out.children().addAll(timeZones.values());
            out.children().addAll(events);
            return IcsWriter.write(out);
        });
    }
}

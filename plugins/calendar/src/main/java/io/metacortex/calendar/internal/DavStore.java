package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.IcsReader;
import io.metacortex.calendar.internal.ics.IcsWriter;
import io.metacortex.calendar.internal.ics.Property;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * What the CalDAV server ({@code internal.dav}) reads and writes, through the same services as the REST API: a
 * calendar object written over DAV is an event of the REST API (and the other way round), numbered with the
 * calendar's next sync token, its reminders rescheduled.
 */
public final class DavStore {

    private final Jdbi jdbi;
    private final CalendarService calendars;
    private final EventService events;

    DavStore(Jdbi jdbi, CalendarService calendars, EventService events) {
        this.jdbi = jdbi;
        this.calendars = calendars;
        this.events = events;
    }

    public List<DavCalendar> calendars(UUID owner) {
        return jdbi.withHandle(h -> CalendarDao.davCalendars(h, owner));
    }

    /** @param segment the last segment of the calendar's collection URL */
    public Optional<DavCalendar> calendar(UUID owner, String segment) {
        return jdbi.withHandle(h -> CalendarDao.davCalendar(h, owner, segment));
    }

    /**
     * @param timeZone an IANA id; null (or another name) for the user's zone
     * @throws io.metacortex.plugin.support.ApiException 422 naming an invalid name or colour
     */
    public DavCalendar create(
            UUID owner, ZoneId userZone, String segment, String name, String colour, String timeZone) {
        // A zone a client names that is not an IANA id (some send Windows names) leaves the calendar in the user's.
        String zone = JsonTimes.iana(timeZone).map(ZoneId::getId).orElse(null);
        return calendars.createNamed(owner, userZone, segment, new CalendarRequest(name, colour, zone));
    }

    /** Renames and recolours a calendar (null keeps what it has); @throws ApiException 422 naming a bad value */
    public void update(UUID owner, ZoneId userZone, DavCalendar calendar, String name, String colour) {
        CalendarView now = calendar.calendar();
        calendars.replace(
                owner,
                userZone,
                now.id(),
                null,
                new CalendarRequest(
                        name == null ? now.name() : name, colour == null ? now.colour() : colour, now.timeZone()));
    }

    public boolean delete(UUID owner, long calendarId) {
        return calendars.delete(owner, calendarId);
    }

    /** @param uids the UIDs wanted, or null for all */
    public List<DavObject> objects(UUID owner, long calendarId, List<String> uids) {
        return jdbi.withHandle(h -> CalendarDao.davObjects(h, owner, calendarId, uids));
    }

    public Optional<DavObject> object(UUID owner, long calendarId, String uid) {
        return objects(owner, calendarId, List.of(uid)).stream().findFirst();
    }

    /** @return the objects with an instance overlapping [from, to), recurrences expanded in the calendar's zone */
    public List<DavObject> objectsInRange(UUID owner, DavCalendar calendar, Instant from, Instant to) {
        ZoneId zone = ZoneId.of(calendar.calendar().timeZone());
        List<String> uids = new ArrayList<>();
        jdbi.useHandle(h -> {
            for (StoredObject stored : CalendarDao.objectsInRange(h, owner, List.of(calendar.id()), from, to)) {
                if (!Expander.expand(calendar.id(), CalendarObject.parse(stored.ics()), from, to, zone)
                        .isEmpty()) {
                    uids.add(stored.uid());
                }
            }
        });
        return uids.isEmpty() ? List.of() : objects(owner, calendar.id(), uids);
    }

    /**
     * @return the calendar data a client is served: the stored text, with a VTIMEZONE for each zone it names by TZID
     *     without one (written from the JVM's rules)
     */
    public static String calendarData(DavObject object) {
        return CalendarObject.parse(object.ics()).text();
    }

    /**
     * @param test a property's TEXT value, unescaped, to a verdict
     * @return whether a VEVENT of the object has the property {@code name} with a value passing {@code test} (RFC
     *     4791 9.7.2 prop-filter)
     */
    public static boolean anyEventProperty(DavObject object, String name, Predicate<String> test) {
        return CalendarObject.parse(object.ics()).events().stream()
                .flatMap(event -> event.all(name).stream())
                .anyMatch(property -> test.test(property.text()));
    }

    /** @return a VCALENDAR holding the VTIMEZONE of an IANA zone: a calendar's CALDAV:calendar-timezone */
    public static String timeZoneCalendar(String zone) {
        Component calendar = new Component("VCALENDAR");
        calendar.add(Property.of("VERSION", "2.0"));
        calendar.add(Property.of("PRODID", CalendarObject.PRODID));
        calendar.children().add(VTimeZones.of(ZoneId.of(zone)));
        return IcsWriter.write(calendar);
    }

    /** The changes of a calendar after a sync token: live UIDs with their objects, deleted UIDs. */
    public record Changes(List<DavObject> changed, List<String> deleted) {}

    public Changes changesSince(UUID owner, long calendarId, long token) {
        List<CalendarDao.Change> changes = jdbi.withHandle(h -> CalendarDao.changesSince(h, owner, calendarId, token));
        List<String> deleted = changes.stream()
                .filter(CalendarDao.Change::deleted)
                .map(CalendarDao.Change::uid)
                .toList();
        List<String> live = changes.stream()
                .filter(c -> !c.deleted())
                .map(CalendarDao.Change::uid)
                .toList();
        return new Changes(live.isEmpty() ? List.of() : objects(owner, calendarId, live), deleted);
    }

    /**
     * Stores a client's VCALENDAR as the object of {@code uid} (CalDAV PUT).
     *
     * @throws RejectedCalendarObject when the text is not one VCALENDAR of VEVENTs of that one UID
     * @throws io.metacortex.plugin.support.ApiException 412 when a precondition fails, 404 without the calendar
     */
    public EventService.Written put(UUID owner, long calendarId, String uid, String text, Preconditions preconditions) {
        return events.write(owner, calendarId, readObject(uid, text), preconditions);
    }

    public void delete(UUID owner, long calendarId, String uid, Preconditions preconditions) {
        events.delete(owner, calendarId, uid, preconditions);
    }

    static CalendarObject readObject(String uid, String text) {
        if (text == null || text.isBlank()) {
            throw new RejectedCalendarObject(
                    RejectedCalendarObject.VALID_DATA, "the body must be one VCALENDAR holding the event");
        }
        try {
            List<Component> read = IcsReader.read(text);
            if (read.size() != 1) {
                throw new RejectedCalendarObject(
                        RejectedCalendarObject.VALID_OBJECT, "the body must be exactly one VCALENDAR");
            }
            Component calendar = read.get(0);
            Map<String, List<Component>> byUid = new LinkedHashMap<>();
            for (Component child : calendar.children()) {
                if (child.name().equals("VEVENT")) {
                    byUid.computeIfAbsent(VEvents.uid(child), k -> new ArrayList<>())
                            .add(child);
                } else if (!child.name().equals("VTIMEZONE")) {
                    throw new RejectedCalendarObject(
                            RejectedCalendarObject.SUPPORTED_COMPONENT,
                            "line " + child.line() + ": " + child.name() + " is not supported here: only VEVENT");
                }
            }
            if (byUid.size() != 1) {
                throw new RejectedCalendarObject(
                        RejectedCalendarObject.VALID_OBJECT,
                        byUid.isEmpty()
                                ? "the VCALENDAR holds no VEVENT"
                                : "a calendar object holds the VEVENTs of one UID, this one " + byUid.size());
            }
            String found = byUid.keySet().iterator().next();
            if (!found.equals(uid)) {
                throw new RejectedCalendarObject(
                        RejectedCalendarObject.VALID_OBJECT,
                        "the resource name must be the event's UID followed by .ics: " + CalendarErrors.echo(found)
                                + ".ics");
            }
            return CalendarObject.of(calendar, byUid.get(found), calendar.children("VTIMEZONE"));
        } catch (IcsException e) {
            throw new RejectedCalendarObject(RejectedCalendarObject.VALID_DATA, e.getMessage());
        }
    }
}

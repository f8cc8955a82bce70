package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsException;
import io.metacortex.calendar.internal.ics.IcsReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The local side of a calendar for code outside this package (the CalDAV client, {@code internal.remote}): calendar
 * objects read and written as whole iCalendar texts, in the caller's transaction, numbered with the calendar's change
 * numbers exactly as the REST API numbers them. Reminders are rescheduled by {@link Written#reschedule()} once the
 * caller's transaction has committed.
 */
public final class LocalCalendars {

    private final Reminders reminders;

    LocalCalendars(Reminders reminders) {
        this.reminders = reminders;
    }

    /** A live object as stored. */
    public record LocalObject(String uid, String ics, String etag) {}

    /** One UID changed after a change number: {@code deleted} for a tombstone. */
    public record LocalChange(String uid, boolean deleted) {}

    /** What a write did; {@link #reschedule()} its reminders after the commit. */
    public final class Written {
        private final UUID owner;
        private final long calendarId;
        private final ZoneId zone;
        private final long objectId;
        private final CalendarObject object;
        private final String etag;

        private Written(UUID owner, long calendarId, ZoneId zone, long objectId, CalendarObject object, String etag) {
            this.owner = owner;
            this.calendarId = calendarId;
            this.zone = zone;
            this.objectId = objectId;
            this.object = object;
            this.etag = etag;
        }

        /** @return the stored object's etag, null after a delete */
        public String etag() {
            return etag;
        }

        /** Reschedules (or, after a delete, cancels) the object's reminders. */
        public void reschedule() {
            if (object == null) {
                reminders.cancel(objectId);
            } else {
                reminders.reschedule(owner, objectId, calendarId, object, zone);
            }
        }
    }

    /** @return whether the owner has this calendar */
    public boolean exists(Handle h, UUID owner, long calendarId) {
        return CalendarDao.findCalendar(h, owner, calendarId).isPresent();
    }

    /** Creates a calendar (for a linked remote calendar that has no local one yet); @return its id */
    public long createCalendar(Handle h, UUID owner, String name, ZoneId zone) {
        String trimmed = name.length() > 200 ? name.substring(0, 200) : name;
        return CalendarDao.insertCalendar(h, owner, trimmed, CalendarService.DEFAULT_COLOUR, zone.getId())
                .id();
    }

    /** @return the calendar's current change number (its sync token) */
    public long changeNumber(Handle h, UUID owner, long calendarId) {
        return CalendarDao.findCalendar(h, owner, calendarId)
                .map(CalendarView::syncToken)
                .orElseThrow(() -> CalendarErrors.calendarNotFound(Long.toString(calendarId)));
    }

    /** @return the UIDs changed or deleted after {@code changeNumber} */
    public List<LocalChange> changesSince(Handle h, UUID owner, long calendarId, long changeNumber) {
        return CalendarDao.changesSince(h, owner, calendarId, changeNumber).stream()
                .map(c -> new LocalChange(c.uid(), c.deleted()))
                .toList();
    }

    public Optional<LocalObject> find(Handle h, UUID owner, long calendarId, String uid) {
        return CalendarDao.findObject(h, owner, calendarId, uid).map(o -> new LocalObject(o.uid(), o.ics(), o.etag()));
    }

    /**
     * Reads one calendar object resource as a CalDAV server sends it: the VEVENTs of one UID and the VTIMEZONEs they
     * name.
     *
     * @return the object's UID and its text as this plugin stores it; empty when it holds no VEVENT (a VTODO)
     * @throws IcsException when it is not iCalendar this plugin can store
     */
    public static Optional<LocalObject> parse(String ics) {
        List<Component> calendars = IcsReader.read(ics);
        if (calendars.isEmpty()) {
            throw new IcsException(1, "no VCALENDAR");
        }
        Component calendar = calendars.get(0);
        List<Component> events = new ArrayList<>(calendar.children("VEVENT"));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        CalendarObject object = CalendarObject.of(calendar, events, calendar.children("VTIMEZONE"));
        return Optional.of(new LocalObject(object.uid(), object.text(), object.etag()));
    }

    /**
     * Stores {@code ics} (as {@link #parse} returns it) under its UID, replacing the live object or tombstone; the same
     * text as stored is no change.
     */
    public Written put(Handle h, UUID owner, long calendarId, String ics) {
        CalendarView calendar = CalendarService.require(h, owner, calendarId);
        CalendarObject object = CalendarObject.parse(ics);
        ZoneId zone = ZoneId.of(calendar.timeZone());
        Optional<StoredObject> current = CalendarDao.findObject(h, owner, calendarId, object.uid());
        if (current.isPresent() && current.get().etag().equals(object.etag())) {
            return new Written(owner, calendarId, zone, current.get().id(), object, object.etag());
        }
        EventService.Stored stored = EventService.put(h, owner, calendar, object);
        return new Written(owner, calendarId, zone, stored.row().id(), object, object.etag());
    }

    /** Deletes the UID (a tombstone); @return what was done, empty when there was no live object */
    public Optional<Written> delete(Handle h, UUID owner, long calendarId, String uid) {
        CalendarView calendar = CalendarService.require(h, owner, calendarId);
        if (CalendarDao.findObject(h, owner, calendarId, uid).isEmpty()) {
            return Optional.empty();
        }
        long change = CalendarDao.nextChange(h, owner, calendarId);
        long id = CalendarDao.tombstone(h, owner, calendarId, uid, change).orElseThrow();
        return Optional.of(new Written(owner, calendarId, ZoneId.of(calendar.timeZone()), id, null, null));
    }
}

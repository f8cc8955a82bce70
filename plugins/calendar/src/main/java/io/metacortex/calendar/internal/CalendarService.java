package io.metacortex.calendar.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.support.PageQuery;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The calendars themselves: create, list, rename, recolour, move to another zone, delete. */
public final class CalendarService {

    static final String DEFAULT_COLOUR = "#3a87ad";

    private final Jdbi jdbi;
    private final Reminders reminders;

    CalendarService(Jdbi jdbi, Reminders reminders) {
        this.jdbi = jdbi;
        this.reminders = reminders;
    }

    CalendarView create(UUID owner, ZoneId userZone, CalendarRequest request) {
        Valid valid = validate(request, userZone);
        return jdbi.inTransaction(h -> CalendarDao.insertCalendar(h, owner, valid.name, valid.colour, valid.zone));
    }

    /** As {@link #create}, at the CalDAV URL segment a client chose (MKCALENDAR). */
    DavCalendar createNamed(UUID owner, ZoneId userZone, String segment, CalendarRequest request) {
        Valid valid = validate(request, userZone);
        return jdbi.inTransaction(h -> {
            CalendarView created = CalendarDao.insertCalendar(h, owner, valid.name, valid.colour, valid.zone);
            CalendarDao.setDavName(h, owner, created.id(), segment);
            return new DavCalendar(created, segment);
        });
    }

    Optional<CalendarView> find(UUID owner, long id) {
        return jdbi.withHandle(h -> CalendarDao.findCalendar(h, owner, id));
    }

    Page<CalendarView> list(UUID owner, PageQuery page) {
        FieldErrors errors = new FieldErrors();
        int limit = page.limit(errors);
        long after = page.afterId(errors);
        errors.throwIfAny(ApiException::invalidQuery);
        List<CalendarView> found = jdbi.withHandle(h -> CalendarDao.listCalendars(h, owner, after, limit + 1));
        boolean more = found.size() > limit;
        List<CalendarView> items = more ? found.subList(0, limit) : found;
        return new Page<>(
                List.copyOf(items),
                more ? PageCursor.encode(items.get(items.size() - 1).id()) : null);
    }

    /** Replaces name, colour and zone; moving the zone moves the reminders of floating and all-day events. */
    Optional<CalendarView> replace(UUID owner, ZoneId userZone, long id, String ifMatch, CalendarRequest request) {
        Valid valid = validate(request, userZone);
        Optional<CalendarView> updated = jdbi.inTransaction(h -> {
            Optional<CalendarView> current = CalendarDao.lockCalendar(h, owner, id);
            if (current.isEmpty()) {
                return current;
            }
            IfMatch.check(ifMatch, etag(current.get()));
            return CalendarDao.updateCalendar(h, owner, id, valid.name, valid.colour, valid.zone);
        });
        updated.ifPresent(calendar -> jdbi.useHandle(h -> {
            for (StoredObject stored : CalendarDao.allObjects(h, owner, id)) {
                reminders.reschedule(owner, stored.id(), id, CalendarObject.parse(stored.ics()), ZoneId.of(valid.zone));
            }
        }));
        return updated;
    }

    boolean delete(UUID owner, long id) {
        return delete(owner, id, null);
    }

    /** Deletes the calendar with its events (and their reminders); @return whether it was there */
    boolean delete(UUID owner, long id, String ifMatch) {
        List<Long> objects = new ArrayList<>();
        boolean deleted = jdbi.inTransaction(h -> {
            Optional<CalendarView> current = CalendarDao.lockCalendar(h, owner, id);
            if (current.isEmpty()) {
                return false;
            }
            IfMatch.check(ifMatch, etag(current.get()));
            CalendarDao.allObjects(h, owner, id).forEach(o -> objects.add(o.id()));
            return CalendarDao.deleteCalendar(h, owner, id);
        });
        objects.forEach(reminders::cancel);
        return deleted;
    }

    /**
     * @return the calendar's entity tag: its sync token, which every change of the calendar or of one of its events
     *     moves on
     */
    static String etag(CalendarView calendar) {
        return Long.toString(calendar.syncToken());
    }

    /** Locks a calendar whose events the caller may change: 404 when missing, 409 when a feed fills it. */
    static CalendarView require(Handle h, UUID owner, long id) {
        CalendarView calendar = CalendarDao.lockCalendar(h, owner, id)
                .orElseThrow(() -> CalendarErrors.calendarNotFound(Long.toString(id)));
        if (CalendarDao.fedByFeed(h, owner, id)) {
            throw CalendarErrors.readOnly(id);
        }
        return calendar;
    }

    private record Valid(String name, String colour, String zone) {}

    private static Valid validate(CalendarRequest request, ZoneId userZone) {
        if (request == null) {
            throw ApiException.missingBody("the calendar's fields");
        }
        FieldErrors errors = new FieldErrors();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            errors.add("name", "must not be blank");
        } else if (name.length() > 200) {
            errors.add("name", "must be at most 200 characters");
        }
        String colour = request.colour() == null
                ? DEFAULT_COLOUR
                : request.colour().strip().toLowerCase(Locale.ROOT);
        if (!colour.matches("#[0-9a-f]{6}")) {
            errors.add("colour", "must be a colour such as #3a87ad");
        }
        String zone = userZone.getId();
        if (request.timeZone() != null) {
            Optional<ZoneId> iana = JsonTimes.iana(request.timeZone());
            if (iana.isEmpty()) {
                errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin");
            } else {
                zone = iana.get().getId();
            }
        }
        errors.throwIfAny(ApiException::invalidBody);
        return new Valid(name, colour, zone);
    }
}

package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.IcsException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What feed subscriptions ({@code internal.feeds}) do to calendars and their objects, through the same storage path
 * as the REST API and ICS import: {@link EventService#put} numbers each change with the calendar's next sync token,
 * {@link CalendarDao#tombstone} leaves a tombstone for each UID the feed no longer serves, and reminders are
 * rescheduled after the commit.
 */
public final class FeedCalendars {

    /** DTSTAMP says when the file was written: many servers (Google) set it to "now" on every download. */
    private static final Pattern DTSTAMP = Pattern.compile("(?m)^DTSTAMP[;:][^\r\n]*\r?\n");

    /** What one replacement did. */
    public record Replaced(int added, int changed, int removed, int unchanged) {}

    private final Jdbi jdbi;
    private final Reminders reminders;
    private final CalendarService calendars;

    FeedCalendars(Jdbi jdbi, Reminders reminders, CalendarService calendars) {
        this.jdbi = jdbi;
        this.reminders = reminders;
        this.calendars = calendars;
    }

    /** Inserts the calendar a subscription fills, in the caller's transaction. */
    public static CalendarView insertCalendar(Handle h, UUID owner, String name, String colour, ZoneId zone) {
        return CalendarDao.insertCalendar(h, owner, name, colour, zone.getId());
    }

    /** Renames or recolours the subscription's calendar, in the caller's transaction. */
    public static void updateCalendar(Handle h, UUID owner, long calendarId, String name, String colour) {
        CalendarView current = CalendarDao.findCalendar(h, owner, calendarId).orElseThrow();
        CalendarDao.updateCalendar(h, owner, calendarId, name, colour, current.timeZone());
    }

    public static java.util.Optional<CalendarView> findCalendar(Handle h, UUID owner, long calendarId) {
        return CalendarDao.findCalendar(h, owner, calendarId);
    }

    /** @return how many events (UIDs, not tombstones) the calendar holds */
    public static int eventCount(Handle h, UUID owner, long calendarId) {
        return h.createQuery("SELECT count(*) FROM calendar_objects WHERE owner_id = :owner AND calendar_id = :calendar"
                        + " AND NOT deleted")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .mapTo(Integer.class)
                .one();
    }

    /** Deletes the calendar with its events and cancels their reminders; @return whether it was there */
    public boolean deleteCalendar(UUID owner, long calendarId) {
        return calendars.delete(owner, calendarId);
    }

    /**
     * Makes the calendar hold exactly the events of {@code ics}, by UID, in one transaction: a UID that is new or whose
     * text changed (other than its DTSTAMP) is stored with a new change number, one the feed no longer has becomes a
     * tombstone, the others are left as they are.
     *
     * @throws IcsException naming the line of malformed text; nothing is changed then
     * @throws java.util.NoSuchElementException when the caller has no such calendar
     */
    public Replaced replaceEvents(UUID owner, long calendarId, String ics) {
        Map<String, CalendarObject> wanted = new LinkedHashMap<>();
        IcsTransfer.parse(ics).objects().forEach(o -> wanted.put(o.uid(), o));
        List<EventService.Stored> stored = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        int[] counts = new int[3];
        jdbi.useTransaction(h -> {
            // A job runs outside of any request: row-level security needs the owner set.
            h.execute("SELECT set_config('app.user_id', ?, true)", owner.toString());
            CalendarView calendar =
                    CalendarDao.lockCalendar(h, owner, calendarId).orElseThrow();
            Map<String, StoredObject> current = new LinkedHashMap<>();
            CalendarDao.allObjects(h, owner, calendarId).forEach(o -> current.put(o.uid(), o));
            for (CalendarObject object : wanted.values()) {
                StoredObject old = current.remove(object.uid());
                if (old != null && sameContent(old.ics(), object.text())) {
                    counts[2]++;
                    continue;
                }
                counts[old == null ? 0 : 1]++;
                stored.add(EventService.put(h, owner, calendar, object));
            }
            for (StoredObject gone : current.values()) {
                long change = CalendarDao.nextChange(h, owner, calendarId);
                CalendarDao.tombstone(h, owner, calendarId, gone.uid(), change).ifPresent(removed::add);
            }
        });
        for (EventService.Stored s : stored) {
            reminders.reschedule(owner, s);
        }
        removed.forEach(reminders::cancel);
        return new Replaced(counts[0], counts[1], removed.size(), counts[2]);
    }

    static boolean sameContent(String stored, String fetched) {
        return stored.equals(fetched)
                || DTSTAMP.matcher(stored)
                        .replaceAll("")
                        .equals(DTSTAMP.matcher(fetched).replaceAll(""));
    }
}

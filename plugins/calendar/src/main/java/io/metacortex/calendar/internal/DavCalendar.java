package io.metacortex.calendar.internal;

/**
 * A calendar as the CalDAV server shows it.
 *
 * @param segment the last segment of its collection URL: the name a client gave it with MKCALENDAR, else its id
 */
public record DavCalendar(CalendarView calendar, String segment) {

    public long id() {
        return calendar.id();
    }
}

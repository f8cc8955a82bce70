package io.metacortex.calendar.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL of {@code calendars} and {@code calendar_objects}. Every statement names the owner, so that another user's rows
 * stay out even where row-level security is bypassed (tests as superuser); row-level security backs it in the host.
 */
final class CalendarDao {

    private static final String CALENDAR_COLUMNS = "id, name, colour, time_zone, sync_token, created_at, updated_at";
    private static final String OBJECT_COLUMNS = "id, calendar_id, uid, ics, etag, change_number";

    private CalendarDao() {}

    static CalendarView insertCalendar(Handle h, UUID owner, String name, String colour, String zone) {
        return h.createQuery("INSERT INTO calendars (owner_id, name, colour, time_zone) VALUES (:owner, :name,"
                        + " :colour, :zone) RETURNING " + CALENDAR_COLUMNS)
                .bind("owner", owner)
                .bind("name", name)
                .bind("colour", colour)
                .bind("zone", zone)
                .map(CalendarDao::calendar)
                .one();
    }

    static Optional<CalendarView> findCalendar(Handle h, UUID owner, long id) {
        return h.createQuery("SELECT " + CALENDAR_COLUMNS + " FROM calendars WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(CalendarDao::calendar)
                .findOne();
    }

    /** Locks the calendar row, so that changes of one calendar are numbered one after the other. */
    static Optional<CalendarView> lockCalendar(Handle h, UUID owner, long id) {
        return h.createQuery("SELECT " + CALENDAR_COLUMNS
                        + " FROM calendars WHERE owner_id = :owner AND id = :id FOR UPDATE")
                .bind("owner", owner)
                .bind("id", id)
                .map(CalendarDao::calendar)
                .findOne();
    }

    static List<CalendarView> listCalendars(Handle h, UUID owner, long afterId, int limit) {
        return h.createQuery("SELECT " + CALENDAR_COLUMNS + " FROM calendars WHERE owner_id = :owner AND id > :after"
                        + " ORDER BY id LIMIT :limit")
                .bind("owner", owner)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(CalendarDao::calendar)
                .list();
    }

    static List<CalendarView> allCalendars(Handle h, UUID owner) {
        return h.createQuery("SELECT " + CALENDAR_COLUMNS + " FROM calendars WHERE owner_id = :owner ORDER BY id")
                .bind("owner", owner)
                .map(CalendarDao::calendar)
                .list();
    }

    static Optional<CalendarView> updateCalendar(
            Handle h, UUID owner, long id, String name, String colour, String zone) {
        return h.createQuery("UPDATE calendars SET name = :name, colour = :colour, time_zone = :zone, sync_token ="
                        + " sync_token + 1, updated_at = now() WHERE owner_id = :owner AND id = :id RETURNING "
                        + CALENDAR_COLUMNS)
                .bind("owner", owner)
                .bind("id", id)
                .bind("name", name)
                .bind("colour", colour)
                .bind("zone", zone)
                .map(CalendarDao::calendar)
                .findOne();
    }

    static boolean deleteCalendar(Handle h, UUID owner, long id) {
        return h.createUpdate("DELETE FROM calendars WHERE owner_id = :owner AND id = :id")
                        .bind("owner", owner)
                        .bind("id", id)
                        .execute()
                == 1;
    }

    /** @return whether a feed subscription fills the calendar (its events are read-only) */
    static boolean fedByFeed(Handle h, UUID owner, long calendarId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM feed_subscriptions WHERE owner_id = :owner AND"
                        + " calendar_id = :calendar)")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .mapTo(Boolean.class)
                .one();
    }

    /** @return the calendar's next sync token, now its current one */
    static long nextChange(Handle h, UUID owner, long calendarId) {
        return h.createQuery("UPDATE calendars SET sync_token = sync_token + 1, updated_at = now()"
                        + " WHERE owner_id = :owner AND id = :id RETURNING sync_token")
                .bind("owner", owner)
                .bind("id", calendarId)
                .mapTo(Long.class)
                .one();
    }

    static Optional<StoredObject> findObject(Handle h, UUID owner, long calendarId, String uid) {
        return h.createQuery("SELECT " + OBJECT_COLUMNS + " FROM calendar_objects WHERE owner_id = :owner AND"
                        + " calendar_id = :calendar AND uid = :uid AND NOT deleted")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .bind("uid", uid)
                .map(CalendarDao::object)
                .findOne();
    }

    static Optional<StoredObject> findObject(Handle h, UUID owner, long objectId) {
        return h.createQuery("SELECT " + OBJECT_COLUMNS
                        + " FROM calendar_objects WHERE owner_id = :owner AND id = :id AND NOT deleted")
                .bind("owner", owner)
                .bind("id", objectId)
                .map(CalendarDao::object)
                .findOne();
    }

    /** @return the objects of the calendars that may have an instance in [from, to) */
    static List<StoredObject> objectsInRange(Handle h, UUID owner, List<Long> calendarIds, Instant from, Instant to) {
        return h.createQuery("SELECT " + OBJECT_COLUMNS + " FROM calendar_objects WHERE owner_id = :owner AND"
                        + " calendar_id = ANY(:calendars) AND NOT deleted AND first_start < :to AND (last_end IS NULL"
                        + " OR last_end >= :from) ORDER BY calendar_id, id")
                .bind("owner", owner)
                .bind("calendars", calendarIds.toArray(new Long[0]))
                .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .map(CalendarDao::object)
                .list();
    }

    static List<StoredObject> allObjects(Handle h, UUID owner, long calendarId) {
        return h.createQuery("SELECT " + OBJECT_COLUMNS + " FROM calendar_objects WHERE owner_id = :owner AND"
                        + " calendar_id = :calendar AND NOT deleted ORDER BY id")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .map(CalendarDao::object)
                .list();
    }

    /** Stores {@code object} under its UID, replacing the live object or tombstone of that UID; @return its row id */
    static long putObject(Handle h, UUID owner, long calendarId, CalendarObject object, long change) {
        EventFields fields = object.fields();
        return h.createQuery("INSERT INTO calendar_objects (owner_id, calendar_id, uid, ics, etag, change_number,"
                        + " deleted, first_start, last_end, all_day, summary) VALUES (:owner, :calendar, :uid, :ics,"
                        + " :etag, :change, false, :firstStart, :lastEnd, :allDay, :summary)"
                        + " ON CONFLICT (calendar_id, uid) DO UPDATE SET ics = excluded.ics, etag = excluded.etag,"
                        + " change_number = excluded.change_number, deleted = false, first_start ="
                        + " excluded.first_start, last_end = excluded.last_end, all_day = excluded.all_day, summary ="
                        + " excluded.summary, updated_at = now() RETURNING id")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .bind("uid", object.uid())
                .bind("ics", object.text())
                .bind("etag", object.etag())
                .bind("change", change)
                .bind("firstStart", OffsetDateTime.ofInstant(object.firstStart(), ZoneOffset.UTC))
                .bind(
                        "lastEnd",
                        object.lastEnd()
                                .map(i -> OffsetDateTime.ofInstant(i, ZoneOffset.UTC))
                                .orElse(null))
                .bind("allDay", fields.start().allDay())
                .bind("summary", fields.title())
                .mapTo(Long.class)
                .one();
    }

    /** Turns the live object of {@code uid} into a tombstone; @return its row id, empty when there was none */
    static Optional<Long> tombstone(Handle h, UUID owner, long calendarId, String uid, long change) {
        return h.createQuery("UPDATE calendar_objects SET ics = NULL, etag = NULL, deleted = true, change_number ="
                        + " :change, first_start = NULL, last_end = NULL, summary = NULL, updated_at = now() WHERE"
                        + " owner_id = :owner AND calendar_id = :calendar AND uid = :uid AND NOT deleted RETURNING id")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .bind("uid", uid)
                .bind("change", change)
                .mapTo(Long.class)
                .findOne();
    }

    /** @return the UIDs changed (live) and deleted (tombstones) after {@code token}: an RFC 6578 sync-collection */
    static List<Change> changesSince(Handle h, UUID owner, long calendarId, long token) {
        return h.createQuery("SELECT uid, deleted, change_number FROM calendar_objects WHERE owner_id = :owner AND"
                        + " calendar_id = :calendar AND change_number > :token ORDER BY change_number")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .bind("token", token)
                .map((rs, ctx) ->
                        new Change(rs.getString("uid"), rs.getBoolean("deleted"), rs.getLong("change_number")))
                .list();
    }

    /** @return the calendars with the last segment of their CalDAV URL: the name a client gave it, else the id */
    static List<DavCalendar> davCalendars(Handle h, UUID owner) {
        return h.createQuery("SELECT " + CALENDAR_COLUMNS + ", dav_name FROM calendars WHERE owner_id = :owner"
                        + " ORDER BY id")
                .bind("owner", owner)
                .map(CalendarDao::davCalendarRow)
                .list();
    }

    /** @param segment a calendar's CALDAV URL segment: its {@code dav_name}, or its id when it has none */
    static Optional<DavCalendar> davCalendar(Handle h, UUID owner, String segment) {
        boolean id = segment.matches("[0-9]{1,18}");
        return h.createQuery("SELECT " + CALENDAR_COLUMNS + ", dav_name FROM calendars WHERE owner_id = :owner AND "
                        + (id ? "id = :id AND dav_name IS NULL" : "dav_name = :name"))
                .bind("owner", owner)
                .bind("id", id ? Long.parseLong(segment) : 0L)
                .bind("name", segment)
                .map(CalendarDao::davCalendarRow)
                .findOne();
    }

    static void setDavName(Handle h, UUID owner, long id, String name) {
        h.createUpdate("UPDATE calendars SET dav_name = :name WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .bind("name", name)
                .execute();
    }

    /** @return the live objects of a calendar with the time of their last change, by UID */
    static List<DavObject> davObjects(Handle h, UUID owner, long calendarId, List<String> uids) {
        return h.createQuery("SELECT uid, ics, etag, updated_at FROM calendar_objects WHERE owner_id = :owner AND"
                        + " calendar_id = :calendar AND NOT deleted"
                        + (uids == null ? "" : " AND uid = ANY(:uids)")
                        + " ORDER BY uid")
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .bind("uids", uids == null ? new String[0] : uids.toArray(new String[0]))
                .map((rs, ctx) -> new DavObject(
                        rs.getString("uid"),
                        rs.getString("etag"),
                        rs.getString("ics"),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static DavCalendar davCalendarRow(ResultSet rs, StatementContext ctx) throws SQLException {
        CalendarView view = calendar(rs, ctx);
        String name = rs.getString("dav_name");
        return new DavCalendar(view, name == null ? Long.toString(view.id()) : name);
    }

    /** One entry of {@link #changesSince}. */
    record Change(String uid, boolean deleted, long changeNumber) {}

    private static CalendarView calendar(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CalendarView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("colour"),
                rs.getString("time_zone"),
                rs.getLong("sync_token"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static StoredObject object(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredObject(
                rs.getLong("id"),
                rs.getLong("calendar_id"),
                rs.getString("uid"),
                rs.getString("ics"),
                rs.getString("etag"),
                rs.getLong("change_number"));
    }
}

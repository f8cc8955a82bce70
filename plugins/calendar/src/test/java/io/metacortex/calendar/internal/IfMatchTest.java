package io.metacortex.calendar.internal;

import static io.metacortex.calendar.internal.CalendarHarness.timed;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code If-Match} on the REST writes: a stale entity tag is 412 naming the current one and changes nothing; the
 * current one (quoted or not) or {@code *} lets the write through.
 */
class IfMatchTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB).as(ALICE);

    private static final EventRequest WEEKLY =
            timed("Standup", "2026-03-23T10:00:00+01:00", null, "Europe/Berlin", "FREQ=WEEKLY;COUNT=3");

    @Test
    void aStaleEtagChangesNoEvent() {
        String calendar =
                Long.toString(app.calendar(ALICE, "Work", "Europe/Berlin").id());
        EventView event = app.create(ALICE, Long.parseLong(calendar), WEEKLY);
        String uid = event.uid();
        long token = app.calendars.get(ALICE, calendar).syncToken();
        String stale = "\"0000\"";
        EventRequest renamed = timed("Renamed", "2026-03-23T10:00:00+01:00", null, "Europe/Berlin", null);

        ApiError replace = failsWith(412, () -> app.events.replace(ALICE, calendar, uid, stale, renamed));
        assertThat(replace.error()).isEqualTo("precondition failed");
        assertThat(replace.fields().get("If-Match")).startsWith("the resource's ETag is \"" + event.etag() + "\"");
        failsWith(412, () -> app.events.delete(ALICE, calendar, uid, stale));
        failsWith(412, () -> app.events.editInstance(ALICE, calendar, uid, "20260330T080000Z", stale, renamed));
        failsWith(412, () -> app.events.deleteInstance(ALICE, calendar, uid, "20260330T080000Z", stale));
        failsWith(412, () -> app.events.editFollowing(ALICE, calendar, uid, "20260330T080000Z", stale, WEEKLY));
        // a weak tag never matches (strong comparison)
        failsWith(412, () -> app.events.replace(ALICE, calendar, uid, "W/\"" + event.etag() + "\"", renamed));

        EventView unchanged = app.events.get(ALICE, calendar, uid);
        assertThat(unchanged.etag()).isEqualTo(event.etag());
        assertThat(unchanged.title()).isEqualTo("Standup");
        assertThat(app.calendars.get(ALICE, calendar).syncToken()).isEqualTo(token);

        EventView replaced = app.events.replace(ALICE, calendar, uid, "\"x\", \"" + event.etag() + "\"", renamed);
        assertThat(replaced.title()).isEqualTo("Renamed");
        assertThat(replaced.etag()).isNotEqualTo(event.etag());
        failsWith(412, () -> app.events.delete(ALICE, calendar, uid, "\"" + event.etag() + "\""));

        app.events.replace(ALICE, calendar, uid, "*", WEEKLY);
        String current = app.events.get(ALICE, calendar, uid).etag();
        app.events.deleteInstance(ALICE, calendar, uid, "20260330T080000Z", current);
        app.events.delete(
                ALICE, calendar, uid, app.events.get(ALICE, calendar, uid).etag());
        failsWith(404, () -> app.events.get(ALICE, calendar, uid));
    }

    @Test
    void aCalendarsEtagIsItsSyncToken() {
        CalendarView created = app.calendar(ALICE, "Work", "Europe/Berlin");
        String id = Long.toString(created.id());
        String tag = "\"" + created.syncToken() + "\"";
        app.create(ALICE, created.id(), WEEKLY);

        ApiError error =
                failsWith(412, () -> app.calendars.replace(ALICE, id, tag, new CalendarRequest("Renamed", null, null)));
        assertThat(error.detail()).startsWith("the resource's ETag is \"" + (created.syncToken() + 1) + "\"");
        failsWith(412, () -> app.calendars.delete(ALICE, id, tag));
        assertThat(app.calendars.get(ALICE, id).name()).isEqualTo("Work");

        CalendarView current = app.calendars.get(ALICE, id);
        CalendarView renamed = app.calendars.replace(
                ALICE, id, Long.toString(current.syncToken()), new CalendarRequest("Renamed", null, null));
        assertThat(renamed.name()).isEqualTo("Renamed");
        app.calendars.delete(ALICE, id, "\"" + renamed.syncToken() + "\"");
        failsWith(404, () -> app.calendars.get(ALICE, id));
    }
}

package io.metacortex.calendar.internal;

import static io.metacortex.calendar.internal.CalendarHarness.timed;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route for another user's calendar or event answers 404 and changes nothing; bad input answers 4xx JSON
 * naming the fields, and changes nothing.
 */
class IsolationAndValidationTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB);
    private String calendar;
    private String uid;
    private String etag;

    @BeforeEach
    void aliceHasASeries() {
        long id = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        calendar = Long.toString(id);
        EventView series = app.create(
                ALICE,
                id,
                timed("Standup", "2026-03-16T10:00:00+01:00", null, "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO"));
        uid = series.uid();
        etag = series.etag();
    }

    private void unchanged() {
        app.as(ALICE);
        EventView now = app.events.get(ALICE, calendar, uid);
        assertThat(now.etag()).isEqualTo(etag);
        assertThat(app.calendars.get(ALICE, calendar).name()).isEqualTo("Work");
        assertThat(DB.count("calendar_objects")).isEqualTo(1);
        assertThat(DB.count("calendars")).isEqualTo(1);
    }

    @Test
    void everyRouteHidesAnotherUsersCalendarAndEvents() {
        app.as(BOB);
        EventRequest request = timed("Mine now", "2026-03-16T10:00:00+01:00", null, "Europe/Berlin", null);
        List<ThrowingCallable> routes = List.of(
                () -> app.calendars.get(BOB, calendar),
                () -> app.calendars.replace(BOB, calendar, new CalendarRequest("Bob's", null, null)),
                () -> app.calendars.delete(BOB, calendar),
                () -> app.calendars.export(BOB, calendar),
                () -> app.calendars.importIcs(BOB, calendar, IcsImportExportTest.file("google-export.ics")),
                () -> app.events.instances(BOB, calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),
                () -> app.events.create(BOB, calendar, request, TestUriInfo.at("http://localhost/x")),
                () -> app.events.get(BOB, calendar, uid),
                () -> app.events.replace(BOB, calendar, uid, request),
                () -> app.events.delete(BOB, calendar, uid),
                () -> app.events.editInstance(BOB, calendar, uid, "20260323T090000Z", request),
                () -> app.events.deleteInstance(BOB, calendar, uid, "20260323T090000Z"),
                () -> app.events.editFollowing(BOB, calendar, uid, "20260323T090000Z", request));
        for (ThrowingCallable route : routes) {
            assertThat(failsWith(404, route).error()).isEqualTo("calendar not found");
        }
        assertThat(app.list(BOB)).isEmpty();
        assertThat(app.agenda
                        .instances(BOB, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")
                        .items())
                .isEmpty();
        unchanged();
    }

    @Test
    void unknownIdsAndUidsAre404() {
        app.as(ALICE);
        assertThat(failsWith(404, () -> app.calendars.get(ALICE, "abc")).error())
                .isEqualTo("calendar not found");
        assertThat(failsWith(404, () -> app.calendars.get(ALICE, "-1")).error()).isEqualTo("calendar not found");
        assertThat(failsWith(404, () -> app.events.get(ALICE, calendar, "nope")).error())
                .isEqualTo("event not found");
        assertThat(failsWith(404, () -> app.events.delete(ALICE, calendar, "nope"))
                        .error())
                .isEqualTo("event not found");
        assertThat(failsWith(
                                404,
                                () -> app.events.editInstance(
                                        ALICE,
                                        calendar,
                                        uid,
                                        "garbage",
                                        timed("x", "2026-03-16T10:00:00+01:00", null, "Europe/Berlin", null)))
                        .error())
                .isEqualTo("instance not found");
        unchanged();
    }

    @Test
    void invalidEventsAre422NamingEachField() {
        app.as(ALICE);
        EventRequest bad = new EventRequest(
                "",
                " ",
                null,
                null,
                "tomorrow",
                "2026-03-16T09:00:00+01:00",
                "Mars/Olympus",
                null,
                "FREQ=SOMETIMES",
                List.of("never"),
                null,
                List.of(new EventRequest.AttendeeRequest("not-an-email", null, null, null)),
                List.of(-5),
                -1L);

        ApiError error = failsWith(422, () -> app.create(ALICE, Long.parseLong(calendar), bad));

        assertThat(error.error()).isEqualTo("validation failed");
        assertThat(error.fields())
                .containsOnlyKeys(
                        "uid", "title", "start", "timeZone", "rrule", "rdates", "attendees", "reminders", "taskId");
        ApiError endBeforeStart = failsWith(
                422,
                () -> app.events.replace(
                        ALICE,
                        calendar,
                        uid,
                        timed(
                                "Standup",
                                "2026-03-16T10:00:00+01:00",
                                "2026-03-16T09:00:00+01:00",
                                "Europe/Berlin",
                                null)));
        assertThat(endBeforeStart.fields()).containsOnlyKeys("end");
        ApiError instanceRule = failsWith(
                422,
                () -> app.events.editInstance(
                        ALICE,
                        calendar,
                        uid,
                        "20260323T090000Z",
                        timed("Standup", "2026-03-23T10:00:00+01:00", null, "Europe/Berlin", "FREQ=DAILY")));
        assertThat(instanceRule.fields()).containsOnlyKeys("rrule");
        ApiError allDayZone = failsWith(
                422,
                () -> app.create(
                        ALICE,
                        Long.parseLong(calendar),
                        new EventRequest(
                                null,
                                "Trip",
                                null,
                                null,
                                "2026-03-16T10:00",
                                null,
                                "Europe/Berlin",
                                true,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)));
        assertThat(allDayZone.fields()).containsOnlyKeys("timeZone", "start");
        assertThat(failsWith(422, () -> app.create(ALICE, Long.parseLong(calendar), null))
                        .error())
                .isNotBlank();
        assertThat(failsWith(
                                409,
                                () -> app.create(
                                        ALICE,
                                        Long.parseLong(calendar),
                                        new EventRequest(
                                                uid,
                                                "Again",
                                                null,
                                                null,
                                                "2026-03-16T10:00:00+01:00",
                                                null,
                                                "Europe/Berlin",
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null)))
                        .error())
                .isEqualTo("uid already used");
        unchanged();
    }

    @Test
    void invalidCalendarsAndRangesAreRefusedNamingTheField() {
        app.as(ALICE);
        ApiError calendarError =
                failsWith(422, () -> app.calendars.replace(ALICE, calendar, new CalendarRequest(" ", "red", "+02:00")));
        assertThat(calendarError.fields()).containsOnlyKeys("name", "colour", "timeZone");
        assertThat(failsWith(400, () -> app.events.instances(ALICE, calendar, null, "yesterday"))
                        .fields())
                .containsOnlyKeys("from", "to");
        assertThat(failsWith(
                                400,
                                () -> app.events.instances(
                                        ALICE, calendar, "2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                        .fields())
                .containsOnlyKeys("to");
        assertThat(failsWith(
                                400,
                                () -> app.events.instances(
                                        ALICE, calendar, "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z"))
                        .fields())
                .containsOnlyKeys("to");
        unchanged();
    }

    @Test
    void calendarsAreListedPagedAndDeletedWithTheirEvents() {
        app.calendar(ALICE, "Home", null);
        app.calendar(ALICE, "Sport", "America/New_York");
        app.as(ALICE);

        Page<CalendarView> first = app.calendars.list(ALICE, io.metacortex.plugin.support.PageQuery.of("2", null));
        Page<CalendarView> second =
                app.calendars.list(ALICE, io.metacortex.plugin.support.PageQuery.of("2", first.nextCursor()));

        assertThat(first.items()).extracting(CalendarView::name).containsExactly("Work", "Home");
        assertThat(first.items().get(1).timeZone()).isEqualTo(ALICE.timeZone().getId());
        assertThat(second.items()).extracting(CalendarView::name).containsExactly("Sport");
        assertThat(second.nextCursor()).isNull();
        CalendarView recoloured =
                app.calendars.replace(ALICE, calendar, new CalendarRequest("Work", "#FF0000", "Europe/Paris"));
        assertThat(recoloured.colour()).isEqualTo("#ff0000");
        assertThat(recoloured.syncToken()).isEqualTo(2);

        app.calendars.delete(ALICE, calendar);

        assertThat(DB.count("calendar_objects")).isZero();
        assertThat(failsWith(404, () -> app.calendars.get(ALICE, calendar)).error())
                .isEqualTo("calendar not found");
    }

    @Test
    void aDeletedEventLeavesATombstoneWithItsChangeNumber() {
        app.as(ALICE);
        app.events.delete(ALICE, calendar, uid);

        assertThat(failsWith(404, () -> app.events.get(ALICE, calendar, uid)).error())
                .isEqualTo("event not found");
        assertThat(DB.count("calendar_objects")).isEqualTo(1);
        long id = Long.parseLong(calendar);
        List<CalendarDao.Change> changes = DB.jdbi().withHandle(h -> CalendarDao.changesSince(h, ALICE.id(), id, 1));
        assertThat(changes).containsExactly(new CalendarDao.Change(uid, true, 2));
        List<CalendarDao.Change> all = DB.jdbi().withHandle(h -> CalendarDao.changesSince(h, ALICE.id(), id, 0));
        assertThat(all).hasSize(1);

        EventView again = app.create(
                ALICE,
                id,
                new EventRequest(
                        uid,
                        "Standup again",
                        null,
                        null,
                        "2026-03-16T10:00:00+01:00",
                        null,
                        "Europe/Berlin",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        assertThat(again.uid()).isEqualTo(uid);
        List<CalendarDao.Change> revived = DB.jdbi().withHandle(h -> CalendarDao.changesSince(h, ALICE.id(), id, 2));
        assertThat(revived).containsExactly(new CalendarDao.Change(uid, false, 3));
    }
}

package io.metacortex.calendar.internal;

import static io.metacortex.calendar.internal.CalendarHarness.allDay;
import static io.metacortex.calendar.internal.CalendarHarness.timed;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expansion of series through the routes, on a real database: wall times kept across both daylight-saving changes,
 * edited and deleted instances, "this and following", all-day and floating events, overlaps.
 */
class RecurrenceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB).as(ALICE);

    private List<String> starts(long calendarId, String from, String to) {
        return app.instances(ALICE, calendarId, from, to).stream()
                .map(InstanceView::start)
                .toList();
    }

    @Test
    void aWeeklySeriesInBerlinKeepsItsWallTimeAcrossBothChanges() {
        long calendar = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        app.create(
                ALICE,
                calendar,
                timed(
                        "Standup",
                        "2026-03-16T10:00:00+01:00",
                        "2026-03-16T10:30:00+01:00",
                        "Europe/Berlin",
                        "FREQ=WEEKLY;BYDAY=MO"));

        assertThat(starts(calendar, "2026-03-16T00:00:00Z", "2026-04-01T00:00:00Z"))
                .containsExactly("2026-03-16T10:00+01:00", "2026-03-23T10:00+01:00", "2026-03-30T10:00+02:00");
        assertThat(app.instances(ALICE, calendar, "2026-10-19T00:00:00Z", "2026-10-27T00:00:00Z"))
                .extracting(InstanceView::start, InstanceView::end, InstanceView::recurrenceId)
                .containsExactly(
                        tuple("2026-10-19T10:00+02:00", "2026-10-19T10:30+02:00", "20261019T080000Z"),
                        tuple("2026-10-26T10:00+01:00", "2026-10-26T10:30+01:00", "20261026T090000Z"));
    }

    @Test
    void aWeeklySeriesInNewYorkKeepsItsWallTimeAcrossBothChanges() {
        long calendar = app.calendar(ALICE, "Home", "America/New_York").id();
        app.create(
                ALICE,
                calendar,
                timed(
                        "Choir",
                        "2026-03-05T18:00:00-05:00",
                        "2026-03-05T20:00:00-05:00",
                        "America/New_York",
                        "FREQ=WEEKLY;BYDAY=TH"));

        assertThat(starts(calendar, "2026-03-01T00:00:00Z", "2026-03-15T00:00:00Z"))
                .containsExactly("2026-03-05T18:00-05:00", "2026-03-12T18:00-04:00");
        assertThat(starts(calendar, "2026-10-28T00:00:00Z", "2026-11-07T00:00:00Z"))
                .containsExactly("2026-10-29T18:00-04:00", "2026-11-05T18:00-05:00");
    }

    @Test
    void anEditedInstanceMovesAndKeepsItsRecurrenceId() {
        long calendar = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        EventView series = app.create(
                ALICE,
                calendar,
                timed("Standup", "2026-03-16T10:00:00+01:00", null, "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO;COUNT=4"));

        EventView edited = app.events.editInstance(
                ALICE,
                Long.toString(calendar),
                series.uid(),
                "20260323T090000Z",
                timed("Standup (moved)", "2026-03-24T14:00:00+01:00", null, "Europe/Berlin", null));

        assertThat(edited.overrides())
                .extracting(EventView::recurrenceId, EventView::title, EventView::start)
                .containsExactly(tuple("20260323T090000Z", "Standup (moved)", "2026-03-24T14:00+01:00"));
        assertThat(app.instances(ALICE, calendar, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"))
                .extracting(
                        InstanceView::recurrenceId, InstanceView::title, InstanceView::start, InstanceView::overridden)
                .containsExactly(
                        tuple("20260316T090000Z", "Standup", "2026-03-16T10:00+01:00", false),
                        tuple("20260323T090000Z", "Standup (moved)", "2026-03-24T14:00+01:00", true),
                        tuple("20260330T080000Z", "Standup", "2026-03-30T10:00+02:00", false),
                        tuple("20260406T080000Z", "Standup", "2026-04-06T10:00+02:00", false));
    }

    @Test
    void aDeletedInstanceIsAnExdateAndAnUnknownOneIs404() {
        long calendar = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        EventView series = app.create(
                ALICE,
                calendar,
                timed("Gym", "2026-03-16T07:00:00+01:00", null, "Europe/Berlin", "FREQ=DAILY;COUNT=3"));

        EventView after = app.events.deleteInstance(ALICE, Long.toString(calendar), series.uid(), "20260317T060000Z");

        assertThat(after.exdates()).containsExactly("2026-03-17T07:00+01:00");
        assertThat(starts(calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
                .containsExactly("2026-03-16T07:00+01:00", "2026-03-18T07:00+01:00");
        assertThat(failsWith(
                                404,
                                () -> app.events.deleteInstance(
                                        ALICE, Long.toString(calendar), series.uid(), "20260317T060000Z"))
                        .error())
                .isEqualTo("instance not found");
        failsWith(
                404, () -> app.events.deleteInstance(ALICE, Long.toString(calendar), series.uid(), "20260316T070000Z"));
    }

    @Test
    void thisAndFollowingSplitsTheSeries() {
        long calendar = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        EventView series = app.create(
                ALICE,
                calendar,
                timed("Review", "2026-03-02T15:00:00+01:00", null, "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO"));

        EventView following = app.events.editFollowing(
                ALICE,
                Long.toString(calendar),
                series.uid(),
                "20260316T140000Z",
                timed(
                        "Review (longer)",
                        "2026-03-16T15:00:00+01:00",
                        "2026-03-16T17:00:00+01:00",
                        "Europe/Berlin",
                        "FREQ=WEEKLY;BYDAY=MO"));

        assertThat(following.uid()).isNotEqualTo(series.uid());
        EventView old = app.events.get(ALICE, Long.toString(calendar), series.uid());
        assertThat(old.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260316T135959Z");
        assertThat(app.instances(ALICE, calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
                .extracting(InstanceView::title, InstanceView::start, InstanceView::end)
                .containsExactly(
                        tuple("Review", "2026-03-02T15:00+01:00", "2026-03-02T16:00+01:00"),
                        tuple("Review", "2026-03-09T15:00+01:00", "2026-03-09T16:00+01:00"),
                        tuple("Review (longer)", "2026-03-16T15:00+01:00", "2026-03-16T17:00+01:00"),
                        tuple("Review (longer)", "2026-03-23T15:00+01:00", "2026-03-23T17:00+01:00"),
                        tuple("Review (longer)", "2026-03-30T15:00+02:00", "2026-03-30T17:00+02:00"));
    }

    @Test
    void editingTheWholeSeriesKeepsItsUid() {
        long calendar = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        EventView series = app.create(
                ALICE,
                calendar,
                timed("Sync", "2026-03-02T09:00:00+01:00", null, "Europe/Berlin", "FREQ=WEEKLY;COUNT=2"));

        EventView replaced = app.events.replace(
                ALICE,
                Long.toString(calendar),
                series.uid(),
                timed("Sync", "2026-03-02T11:00:00+01:00", null, "Europe/Berlin", "FREQ=WEEKLY;COUNT=2"));

        assertThat(replaced.uid()).isEqualTo(series.uid());
        assertThat(replaced.etag()).isNotEqualTo(series.etag());
        assertThat(starts(calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
                .containsExactly("2026-03-02T11:00+01:00", "2026-03-09T11:00+01:00");
    }

    @Test
    void allDayEventsAreDatesPlacedInTheCalendarsZone() {
        long calendar = app.calendar(ALICE, "Birthdays", "Pacific/Auckland").id();
        app.create(ALICE, calendar, allDay("Ada's birthday", "2026-12-10", null, "FREQ=YEARLY"));

        List<InstanceView> found = app.instances(ALICE, calendar, "2027-12-09T00:00:00Z", "2027-12-11T00:00:00Z");

        assertThat(found)
                .extracting(InstanceView::start, InstanceView::end, InstanceView::allDay, InstanceView::timeZone)
                .containsExactly(tuple("2027-12-10", "2027-12-11", true, null));
        // Auckland is 13 hours ahead in December: its 10th starts on the 9th at 11:00 UTC, and ends before the 10th
        // 11:00
        assertThat(app.instances(ALICE, calendar, "2027-12-10T11:00:00Z", "2027-12-12T00:00:00Z"))
                .isEmpty();
    }

    @Test
    void floatingTimesKeepTheirWallTimeInTheCalendarsZone() {
        long berlin = app.calendar(ALICE, "Berlin", "Europe/Berlin").id();
        app.create(
                ALICE,
                berlin,
                timed("Lunch", "2026-03-28T12:00:00", "2026-03-28T13:00:00", null, "FREQ=DAILY;COUNT=2"));

        assertThat(app.instances(ALICE, berlin, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"))
                .extracting(InstanceView::start, InstanceView::timeZone, InstanceView::recurrenceId)
                .containsExactly(
                        tuple("2026-03-28T12:00", null, "20260328T120000"),
                        tuple("2026-03-29T12:00", null, "20260329T120000"));
        // 12:00 in Berlin is 11:00 UTC before the change and 10:00 UTC after: the range counts in the calendar's zone
        assertThat(app.instances(ALICE, berlin, "2026-03-29T10:30:00Z", "2026-03-29T12:00:00Z"))
                .hasSize(1);
        assertThat(app.instances(ALICE, berlin, "2026-03-29T11:00:00Z", "2026-03-29T12:00:00Z"))
                .isEmpty();
    }

    @Test
    void overlappingInstancesAreFlaggedAcrossCalendars() {
        long work = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        long home = app.calendar(ALICE, "Home", "Europe/Berlin").id();
        app.create(
                ALICE,
                work,
                timed("Meeting", "2026-05-04T10:00:00+02:00", "2026-05-04T11:00:00+02:00", "Europe/Berlin", null));
        app.create(
                ALICE,
                home,
                timed("Dentist", "2026-05-04T10:30:00+02:00", "2026-05-04T11:30:00+02:00", "Europe/Berlin", null));
        app.create(ALICE, home, timed("Call", "2026-05-04T12:00:00+02:00", null, "Europe/Berlin", null));
        app.create(ALICE, home, allDay("Holiday", "2026-05-04", null, null));

        List<InstanceView> day = app.agenda
                .instances(ALICE, "2026-05-03T22:00:00Z", "2026-05-04T22:00:00Z")
                .items();

        assertThat(day)
                .extracting(InstanceView::title, InstanceView::overlaps)
                .containsExactly(
                        tuple("Holiday", false), tuple("Meeting", true), tuple("Dentist", true), tuple("Call", false));
        assertThat(app.instances(ALICE, work, "2026-05-03T22:00:00Z", "2026-05-04T22:00:00Z"))
                .extracting(InstanceView::title, InstanceView::overlaps)
                .containsExactly(tuple("Meeting", false));
    }
}

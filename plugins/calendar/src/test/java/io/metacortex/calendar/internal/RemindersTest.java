package io.metacortex.calendar.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestJobs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reminders become one job per event at its next reminder time: scheduled on create and import, moved when the event
 * moves, cancelled when it goes; a run publishes {@code calendar.reminder} and moves the job to the next instance.
 */
class RemindersTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB).as(ALICE);

    private static EventRequest withReminders(String start, String rrule, Integer... minutes) {
        return new EventRequest(
                null,
                "Dentist",
                null,
                null,
                start,
                null,
                "Europe/Berlin",
                null,
                rrule,
                null,
                null,
                null,
                List.of(minutes),
                null);
    }

    private List<TestJobs.Scheduled> jobs() {
        return app.context.jobs().scheduled();
    }

    @Test
    void aReminderIsScheduledMovedAndCancelled() {
        long calendar = app.calendar(ALICE, "Home", "Europe/Berlin").id();
        EventView event = app.create(ALICE, calendar, withReminders("2026-01-06T10:00:00+01:00", null, 15, 60));

        assertThat(jobs())
                .extracting(TestJobs.Scheduled::type, TestJobs.Scheduled::at)
                .containsExactly(tuple(Reminders.JOB, Instant.parse("2026-01-06T08:00:00Z")));
        String key = jobs().get(0).key();

        app.events.replace(
                ALICE, Long.toString(calendar), event.uid(), withReminders("2026-01-08T10:00:00+01:00", null, 15));

        assertThat(jobs())
                .extracting(TestJobs.Scheduled::key, TestJobs.Scheduled::at)
                .containsExactly(tuple(key, Instant.parse("2026-01-08T08:45:00Z")));

        app.events.replace(
                ALICE, Long.toString(calendar), event.uid(), withReminders("2026-01-08T10:00:00+01:00", null));
        assertThat(jobs()).isEmpty();

        app.events.replace(
                ALICE, Long.toString(calendar), event.uid(), withReminders("2026-01-08T10:00:00+01:00", null, 5));
        assertThat(jobs()).hasSize(1);
        app.events.delete(ALICE, Long.toString(calendar), event.uid());
        assertThat(jobs()).isEmpty();
    }

    @Test
    void aRunPublishesTheReminderAndMovesToTheNextInstance() throws Exception {
        long calendar = app.calendar(ALICE, "Home", "Europe/Berlin").id();
        EventView series =
                app.create(ALICE, calendar, withReminders("2026-03-23T10:00:00+01:00", "FREQ=WEEKLY;COUNT=2", 30));
        String key = jobs().get(0).key();
        assertThat(jobs().get(0).at()).isEqualTo(Instant.parse("2026-03-23T08:30:00Z"));

        app.clock.set(Instant.parse("2026-03-23T08:30:01Z"));
        app.context.jobs().run(Reminders.JOB, key);

        assertThat(app.context.events().published(Reminders.EVENT, Reminders.Reminder.class))
                .extracting(
                        Reminders.Reminder::uid,
                        Reminders.Reminder::recurrenceId,
                        Reminders.Reminder::start,
                        Reminders.Reminder::minutesBefore,
                        Reminders.Reminder::userId)
                .containsExactly(
                        tuple(series.uid(), "20260323T090000Z", Instant.parse("2026-03-23T09:00:00Z"), 30, ALICE.id()));
        // the next instance is after the change to summer time: 10:00 local is 08:00 UTC
        assertThat(jobs()).extracting(TestJobs.Scheduled::at).containsExactly(Instant.parse("2026-03-30T07:30:00Z"));

        app.clock.set(Instant.parse("2026-03-30T07:30:00Z"));
        app.context.jobs().run(Reminders.JOB, key);

        assertThat(app.context.events().published(Reminders.EVENT, Reminders.Reminder.class))
                .hasSize(2);
        assertThat(jobs()).isEmpty();
    }

    @Test
    void aDeletedInstanceGetsNoReminder() {
        long calendar = app.calendar(ALICE, "Home", "Europe/Berlin").id();
        EventView series =
                app.create(ALICE, calendar, withReminders("2026-01-06T10:00:00+01:00", "FREQ=DAILY;COUNT=3", 10));

        app.events.deleteInstance(ALICE, Long.toString(calendar), series.uid(), "20260106T090000Z");

        assertThat(jobs()).extracting(TestJobs.Scheduled::at).containsExactly(Instant.parse("2026-01-07T08:50:00Z"));
    }

    @Test
    void importedAlarmsAreScheduled() {
        long calendar = app.calendar(ALICE, "Google", "Europe/Berlin").id();
        app.clock.set(Instant.parse("2026-03-10T00:00:00Z"));

        app.calendars.importIcs(ALICE, Long.toString(calendar), IcsImportExportTest.file("google-export.ics"));

        // Monday 16th is an EXDATE: the next is the 23rd, moved to the 24th at 14:00 by its override, which has no
        // alarm
        // of its own; then the 30th, 09:30 summer time
        assertThat(jobs()).extracting(TestJobs.Scheduled::at).containsExactly(Instant.parse("2026-03-30T07:20:00Z"));
    }

    @Test
    void aRunForAnEventThatIsGoneDoesNothing() throws Exception {
        long calendar = app.calendar(ALICE, "Home", "Europe/Berlin").id();
        app.create(ALICE, calendar, withReminders("2026-01-06T10:00:00+01:00", null, 15));
        String key = jobs().get(0).key();
        DB.jdbi().useHandle(h -> h.execute("UPDATE calendar_objects SET deleted = true, ics = NULL, etag = NULL"));

        app.context.jobs().run(Reminders.JOB, key);

        assertThat(app.context.events().published()).isEmpty();
        assertThat(jobs()).isEmpty();
    }
}

package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.tasks.internal.Drafts.recurring;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withStatus;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUsers;
import io.metacortex.tasks.TasksPlugin;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Completing a recurring task, through the service on a real database: the next instance of its series. */
class RecurringTaskTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    @RegisterExtension
    static final RecordingListener listener = new RecordingListener();

    private static final TaskService service = TasksHarness.service(DB, listener);

    private static Task complete(Task task, ZoneId zone) {
        return service.changeStatus(ALICE.id(), zone, task.id(), Status.COMPLETED);
    }

    private static List<Task> all() {
        return service.list(ALICE.id(), TaskQuery.all(TaskQuery.MAX_LIMIT)).items();
    }

    @Test
    void completingKeepsTheCompletedTaskAndCreatesTheNextInstanceOfTheSeries() {
        Instant due = Instant.parse("2026-11-30T08:00:00Z"); // a Monday
        Task first = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(withTags(titled("Water plants"), "home"), "FREQ=WEEKLY;BYDAY=MO,WE", due));
        assertThat(first.seriesId()).isEqualTo(first.id());

        Task done = complete(first, ZoneOffset.UTC);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.due()).isEqualTo(due);
        List<Task> tasks = all();
        assertThat(tasks).hasSize(2);
        Task next = tasks.get(1);
        assertThat(next)
                .extracting(
                        Task::title,
                        Task::status,
                        Task::due,
                        Task::tags,
                        Task::recurrence,
                        Task::seriesId,
                        Task::completedAt)
                .containsExactly(
                        "Water plants",
                        Status.PENDING,
                        Instant.parse("2026-12-02T08:00:00Z"),
                        List.of("home"),
                        "FREQ=WEEKLY;BYDAY=MO,WE",
                        first.id(),
                        null);
        assertThat(listener.heard).singleElement().satisfies(heard -> {
            assertThat(heard.userId()).isEqualTo(ALICE.id());
            assertThat(heard.task().id()).isEqualTo(first.id());
            assertThat(heard.task().seriesId()).isEqualTo(first.id());
            assertThat(heard.task().completed()).isTrue();
        });

        complete(next, ZoneOffset.UTC);
        assertThat(all().get(2).due()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(all().get(2).seriesId()).isEqualTo(first.id());
        assertThat(listener.heard.get(1).task().seriesId()).isEqualTo(first.id());
    }

    @Test
    void completingTwiceOrReopeningAndCompletingAgainCreatesOneNextInstance() {
        Task task = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(titled("daily"), "FREQ=DAILY", Instant.parse("2026-12-01T09:00:00Z")));

        complete(task, ZoneOffset.UTC);
        complete(task, ZoneOffset.UTC);
        service.changeStatus(ALICE.id(), task.id(), Status.PENDING);
        complete(task, ZoneOffset.UTC);
        service.replace(
                ALICE.id(),
                task.id(),
                withStatus(recurring(titled("daily"), "FREQ=DAILY", task.due()), Status.COMPLETED));

        assertThat(all()).extracting(Task::id).containsExactly(task.id(), task.id() + 1);
        assertThat(listener.ids())
                .as("a completion each time it became completed")
                .containsExactly(task.id(), task.id());
    }

    @Test
    void theNextDueFollowsTheUsersTimeZoneAcrossDaylightSavingTime() {
        Instant saturday = ZonedDateTime.of(2026, 3, 28, 9, 0, 0, 0, BERLIN).toInstant();
        Task task = service.create(ALICE.id(), BERLIN, recurring(titled("stretch"), "FREQ=DAILY", saturday));

        complete(task, BERLIN);

        Task next = all().get(1);
        assertThat(next.due()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(next.due().atZone(BERLIN).getHour()).isEqualTo(9);
    }

    @Test
    void monthEndRulesThroughTheService() {
        Task day31 = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(titled("31st"), "FREQ=MONTHLY;BYMONTHDAY=31", Instant.parse("2027-01-31T09:00:00Z")));
        Task last = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(titled("last"), "FREQ=MONTHLY;BYMONTHDAY=-1", Instant.parse("2027-01-31T09:00:00Z")));

        complete(day31, ZoneOffset.UTC);
        complete(last, ZoneOffset.UTC);

        assertThat(all())
                .filteredOn(t -> t.status() == Status.PENDING)
                .extracting(Task::title, Task::due)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("31st", Instant.parse("2027-03-31T09:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("last", Instant.parse("2027-02-28T09:00:00Z")));
    }

    @Test
    void countAndUntilEndTheSeries() {
        Task counted = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(titled("counted"), "FREQ=DAILY;COUNT=2", Instant.parse("2026-12-01T09:00:00Z")));
        complete(counted, ZoneOffset.UTC);
        Task second = all().get(1);
        complete(second, ZoneOffset.UTC);

        Task until = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(
                        titled("until"), "FREQ=WEEKLY;UNTIL=20261205T000000Z", Instant.parse("2026-12-01T09:00:00Z")));
        complete(until, ZoneOffset.UTC);

        assertThat(all())
                .extracting(Task::title, Task::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("counted", Status.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("counted", Status.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("until", Status.COMPLETED));
        assertThat(listener.ids()).containsExactly(counted.id(), second.id(), until.id());
    }

    @Test
    void aTaskCreatedCompletedStartsItsSeriesAtOnce() {
        Task done = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                withStatus(
                        recurring(titled("done"), "FREQ=DAILY", Instant.parse("2026-12-01T09:00:00Z")),
                        Status.COMPLETED));

        assertThat(all()).extracting(Task::due).containsExactly(done.due(), Instant.parse("2026-12-02T09:00:00Z"));
    }

    @Test
    void anInvalidRuleOrAMissingDueIs422AndStoresNothing() {
        ApiError invalid = failsWith(
                422,
                () -> TaskRequestValidator.validate(new TaskRequest(
                        "t", null, "2026-12-01T09:00:00Z", null, null, null, null, null, null, "FREQ=SOMETIMES")));
        ApiError noDue = failsWith(
                422,
                () -> TaskRequestValidator.validate(
                        new TaskRequest("t", null, null, null, null, null, null, null, null, "FREQ=DAILY")));

        assertThat(invalid.fields()).containsExactly(entry("recurrence", Recurrence.MESSAGE));
        assertThat(noDue.fields()).containsOnlyKeys("due");
        assertThat(all()).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotUndoTheCompletionNorSilenceTheOthers() {
        RecordingListener after = new RecordingListener();
        TaskService withFaultyListener = new TaskService(
                DB.jdbi(),
                TestUsers.EXISTING::contains,
                new CompletionNotifier(() -> List.of(
                        (userId, task) -> {
                            throw new IllegalStateException("listener down");
                        },
                        after)));
        Task task = withFaultyListener.create(ALICE.id(), titled("t"));

        Task done = withFaultyListener.changeStatus(ALICE.id(), task.id(), Status.COMPLETED);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(service.find(ALICE.id(), task.id()).orElseThrow().status()).isEqualTo(Status.COMPLETED);
        assertThat(after.ids()).containsExactly(task.id());
    }

    @Test
    void listenersAreCalledAfterTheCompletionIsCommitted() {
        List<Status> seenByListener = new java.util.ArrayList<>();
        TaskService[] self = new TaskService[1];
        self[0] = new TaskService(
                DB.jdbi(),
                TestUsers.EXISTING::contains,
                new CompletionNotifier(() -> List.of((userId, task) -> seenByListener.add(
                        self[0].find(userId, task.id()).orElseThrow().status()))));
        Task task = self[0].create(ALICE.id(), titled("t"));

        self[0].changeStatus(ALICE.id(), task.id(), Status.COMPLETED);

        assertThat(seenByListener)
                .as("read on another connection: visible, so committed")
                .containsExactly(Status.COMPLETED);
    }

    @Test
    void changingTheRuleRestartsTheSeriesAtTheNewDue() {
        Task task = service.create(
                ALICE.id(),
                ZoneOffset.UTC,
                recurring(titled("t"), "FREQ=DAILY;COUNT=2", Instant.parse("2026-12-01T09:00:00Z")));
        Task moved = service.replace(
                ALICE.id(),
                task.id(),
                recurring(titled("t"), "FREQ=DAILY;COUNT=2", Instant.parse("2026-12-10T09:00:00Z")));
        complete(moved, ZoneOffset.UTC);
        assertThat(all())
                .as("the rule is unchanged: COUNT still counts from 1 December")
                .hasSize(1);

        service.changeStatus(ALICE.id(), task.id(), Status.PENDING);
        service.replace(
                ALICE.id(),
                task.id(),
                recurring(titled("t"), "FREQ=DAILY;COUNT=3", Instant.parse("2026-12-10T09:00:00Z")));
        complete(task, ZoneOffset.UTC);
        assertThat(all().get(1).due()).isEqualTo(Instant.parse("2026-12-11T09:00:00Z"));
    }
}

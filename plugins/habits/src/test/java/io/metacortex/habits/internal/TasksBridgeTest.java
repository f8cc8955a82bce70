package io.metacortex.habits.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.habits.HabitsPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.plugin.testing.TestUsers;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The link to the tasks plugin: its {@code task.completed} event, delivered as the host delivers it (JSON read as
 * habits' own class, in a transaction of the plugin's connections carrying the event's user), and the task check of
 * habit writes over a {@link TaskDirectory}, with its API types as the tasks plugin would hand them over.
 */
class TasksBridgeTest {

    private static final String NOW = "2026-11-26T23:30:00Z";
    private static final User ALICE_IN_AUCKLAND = TestUsers.inZone(ALICE, "Pacific/Auckland");

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("habits", HabitsPlugin.class);

    private static final SettableClock clock = new SettableClock(NOW);
    private static final CheckInService checkIns = new CheckInService(DB.jdbi(), clock);

    /** The host context the bridge is connected through; a test offers it the tasks plugin's directory. */
    private TestPluginContext context;

    private HabitResource resource;

    @BeforeEach
    void connect() {
        context = TestPluginContext.of(DB.database());
        TaskCompletions.subscribe(context.events(), checkIns);
        TaskLinks links = TasksBridge.connect(context);
        resource = new HabitResource(
                new HabitService(DB.jdbi(), clock, links), checkIns, new StatsService(DB.jdbi(), clock));
    }

    /** A directory in which {@code owner} has exactly the tasks {@code ids}. */
    private static TaskDirectory directoryOf(UUID owner, Long... ids) {
        List<Long> known = List.of(ids);
        return new TaskDirectory() {
            @Override
            public Optional<TaskSummary> find(UUID userId, long taskId) {
                return userId.equals(owner) && known.contains(taskId)
                        ? Optional.of(task(taskId, taskId, owner))
                        : Optional.empty();
            }

            @Override
            public Map<Long, TaskSummary> findAll(UUID userId, Collection<Long> taskIds) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static TaskSummary task(long id, long seriesId, UUID owner) {
        return new TaskSummary(id, seriesId, owner, "task " + id, "COMPLETED", null, Instant.parse(NOW));
    }

    private Habit create(
            User user, String name, String kind, String target, String unit, Long taskId, boolean archived) {
        return (Habit) resource.create(
                        user,
                        new HabitRequest(
                                name,
                                kind,
                                target == null ? null : new BigDecimal(target),
                                unit,
                                null,
                                taskId,
                                archived),
                        TestUriInfo.at("http://x/"))
                .getEntity();
    }

    private List<CheckIn> checkInsOf(User user, Habit habit) {
        return resource.checkIns(user, Long.toString(habit.id()), "2026-11-01", "2026-11-30")
                .items();
    }

    /** Delivers the tasks plugin's event of {@code user} completing task {@code id} of series {@code seriesId}. */
    private void completed(UUID user, long id, long seriesId) throws Exception {
        context.events()
                .deliver(
                        "tasks",
                        "task.completed",
                        Map.of("id", id, "seriesId", seriesId, "userId", user, "title", "task " + id),
                        user);
    }

    @Test
    void completingALinkedTaskChecksInTheUsersActiveHabitsLinkedToItOrItsSeries() throws Exception {
        Habit byTask = create(ALICE, "Read", null, null, null, 12L, false);
        Habit bySeries = create(ALICE, "Water", "MEASURABLE", "8", "glasses", 7L, false);
        Habit archived = create(ALICE, "Old", null, null, null, 12L, true);
        Habit otherTask = create(ALICE, "Other", null, null, null, 99L, false);
        Habit unlinked = create(ALICE, "Free", null, null, null, null, false);
        Habit bobs = create(BOB, "Bob's", null, null, null, 12L, false);

        completed(ALICE.id(), 12, 7);

        assertThat(checkInsOf(ALICE, byTask))
                .extracting(CheckIn::date, CheckIn::value, CheckIn::done)
                .containsExactly(tuple(LocalDate.parse("2026-11-26"), null, true));
        assertThat(checkInsOf(ALICE, bySeries)).extracting(CheckIn::value).containsExactly(new BigDecimal("8"));
        assertThat(checkInsOf(ALICE, archived)).isEmpty();
        assertThat(checkInsOf(ALICE, otherTask)).isEmpty();
        assertThat(checkInsOf(ALICE, unlinked)).isEmpty();
        assertThat(checkInsOf(BOB, bobs)).isEmpty();
    }

    @Test
    void theCompletionTakesTodayInTheTimeZoneStoredWithTheHabit() throws Exception {
        Habit habit = create(ALICE_IN_AUCKLAND, "Read", null, null, null, 12L, false);

        completed(ALICE.id(), 12, 12);

        assertThat(checkInsOf(ALICE, habit)).extracting(CheckIn::date).containsExactly(LocalDate.parse("2026-11-27"));
    }

    @Test
    void aCompletionRaisesAMeasurableDayToItsTargetButNeverLowersIt() throws Exception {
        Habit low = create(ALICE, "Water", "MEASURABLE", "8", "glasses", 12L, false);
        Habit high = create(ALICE, "Steps", "MEASURABLE", "5", "km", 12L, false);
        resource.checkIn(
                ALICE,
                Long.toString(low.id()),
                new CheckInRequest(null, BigDecimal.valueOf(3)),
                TestUriInfo.at("http://x/"));
        resource.checkIn(
                ALICE, Long.toString(high.id()), new CheckInRequest(null, BigDecimal.TEN), TestUriInfo.at("http://x/"));

        completed(ALICE.id(), 12, 12);
        completed(ALICE.id(), 12, 12);

        assertThat(checkInsOf(ALICE, low)).extracting(CheckIn::value).containsExactly(new BigDecimal("8"));
        assertThat(checkInsOf(ALICE, high)).extracting(CheckIn::value).containsExactly(new BigDecimal("10"));
    }

    @Test
    void aLinkedTaskMustExistForTheUserWhenTheTasksPluginCanTell() {
        context.offer(TaskDirectory.class, directoryOf(ALICE.id(), 12L));

        ApiError unknown = failsWith(422, () -> create(ALICE, "Read", null, null, null, 13L, false));
        ApiError othersTask = failsWith(422, () -> create(BOB, "Read", null, null, null, 12L, false));
        Habit linked = create(ALICE, "Read", null, null, null, 12L, false);

        assertThat(unknown.fields()).containsExactly(entry("taskId", "no task with id 13"));
        assertThat(othersTask.fields()).containsExactly(entry("taskId", "no task with id 12"));
        assertThat(linked.taskId()).isEqualTo(12L);
        assertThat(DB.count("habits")).isEqualTo(1);
        ApiError relinked = failsWith(
                422,
                () -> resource.replace(
                        ALICE,
                        Long.toString(linked.id()),
                        new HabitRequest("Read", null, null, null, null, 13L, false)));
        assertThat(relinked.fields()).containsOnlyKeys("taskId");
        assertThat(resource.get(ALICE, Long.toString(linked.id()))).isEqualTo(linked);
    }

    @Test
    void aStaleLinkDoesNotBlockOtherChangesAndUnlinkingIsAlwaysAllowed() {
        Habit habit = create(ALICE, "Read", null, null, null, 12L, false);
        context.offer(TaskDirectory.class, directoryOf(ALICE.id()));
        String id = Long.toString(habit.id());

        Habit renamed = resource.replace(ALICE, id, new HabitRequest("Read more", null, null, null, null, 12L, false));
        Habit unlinked =
                resource.replace(ALICE, id, new HabitRequest("Read more", null, null, null, null, null, false));

        assertThat(renamed.taskId()).isEqualTo(12L);
        assertThat(unlinked.taskId()).isNull();
    }

    @Test
    void withoutATaskDirectoryAnyTaskIdIsAccepted() {
        assertThat(create(ALICE, "Read", null, null, null, 4242L, false).taskId())
                .isEqualTo(4242L);
        assertThat(TaskLinks.UNCHECKED.mayLink(ALICE.id(), 1)).isTrue();
    }
}

package io.metacortex.calendar.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An event may time-block a task: it shows the task's title and status, NOT_FOUND or UNAVAILABLE. */
class TimeBlockTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB).as(ALICE);

    private static EventRequest block(long taskId) {
        return new EventRequest(
                null,
                "Focus",
                null,
                null,
                "2026-02-02T09:00:00+01:00",
                "2026-02-02T11:00:00+01:00",
                "Europe/Berlin",
                null,
                null,
                null,
                null,
                null,
                null,
                taskId);
    }

    @Test
    void anEventShowsItsTaskAsTheTasksPluginReportsIt() {
        long calendar = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        app.tasks.add(ALICE.id(), 7, "Write the report", "IN_PROGRESS");

        EventView event = app.create(ALICE, calendar, block(7));

        assertThat(event.task()).isEqualTo(new LinkedTask(7, "Write the report", "IN_PROGRESS"));
        assertThat(app.instances(ALICE, calendar, "2026-02-01T00:00:00Z", "2026-02-03T00:00:00Z"))
                .extracting(InstanceView::task)
                .containsExactly(new LinkedTask(7, "Write the report", "IN_PROGRESS"));
        assertThat(app.create(ALICE, calendar, block(8)).task()).isEqualTo(LinkedTask.notFound(8));

        app.tasks.available(false);
        assertThat(app.events.get(ALICE, Long.toString(calendar), event.uid()).task())
                .isEqualTo(LinkedTask.unavailable(7));
        assertThat(app.calendars
                        .export(ALICE, Long.toString(calendar))
                        .getEntity()
                        .toString())
                .contains("X-METACORTEX-TASK-ID:7");
    }

    @Test
    void theTasksPluginIsAskedThroughItsDirectoryWhenOneIsOffered() {
        TaskDirectory directory = new TaskDirectory() {
            @Override
            public Optional<TaskSummary> find(UUID userId, long taskId) {
                return findAll(userId, List.of(taskId)).values().stream().findFirst();
            }

            @Override
            public Map<Long, TaskSummary> findAll(UUID userId, Collection<Long> taskIds) {
                return taskIds.stream()
                        .filter(id -> id == 7 && userId.equals(ALICE.id()))
                        .collect(Collectors.toMap(
                                id -> id,
                                id -> new TaskSummary(
                                        id, id, ALICE.id(), "Write the report", "PENDING", Instant.EPOCH, null)));
            }
        };
        TaskLookup without = new TasksPluginLookup(TestPluginContext.of("calendar"));
        TaskLookup with = new TasksPluginLookup(TestPluginContext.of("calendar").offer(TaskDirectory.class, directory));

        assertThat(without.find(ALICE.id(), List.of(7L))).containsEntry(7L, LinkedTask.unavailable(7));
        assertThat(with.find(ALICE.id(), List.of(7L, 8L)))
                .containsEntry(7L, new LinkedTask(7, "Write the report", "PENDING"))
                .containsEntry(8L, LinkedTask.notFound(8));
        assertThat(with.find(BOB.id(), List.of(7L))).containsEntry(7L, LinkedTask.notFound(7));
        assertThat(with.find(ALICE.id(), List.of())).isEmpty();
        assertThat(TasksPluginLookup.tasksApiWired()).isTrue();
    }
}

package io.metacortex.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.api.TaskSummary;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lookup through the tasks plugin's {@link TaskDirectory}, with the tasks API on the class path (as when the
 * bundle is wired to it); without the package the host test shows UNAVAILABLE (NotesThroughHostTest).
 */
class TasksPluginLookupTest {

    private static final UUID USER = UUID.randomUUID();

    /** A plugin context in which other plugins offer the given directories. */
    private static TestPluginContext offering(TaskDirectory... directories) {
        TestPluginContext context = TestPluginContext.of("notes");
        for (TaskDirectory directory : directories) {
            context.offer(TaskDirectory.class, directory);
        }
        return context;
    }

    private static TaskDirectory directory(Function<Collection<Long>, Map<Long, TaskSummary>> findAll) {
        return new TaskDirectory() {
            @Override
            public Optional<TaskSummary> find(UUID userId, long taskId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<Long, TaskSummary> findAll(UUID userId, Collection<Long> taskIds) {
                assertThat(userId).isEqualTo(USER);
                return findAll.apply(taskIds);
            }
        };
    }

    private static TaskSummary task(long id, String title, String status) {
        return new TaskSummary(id, id, USER, title, status, null, null);
    }

    @Test
    void theTasksApiIsWiredInTests() {
        assertThat(TasksPluginLookup.tasksApiWired()).isTrue();
    }

    @Test
    void foundTasksShowTitleAndStatusAndTheOthersAreNotFound() {
        TaskDirectory tasks = directory(ids -> ids.stream()
                .filter(id -> id < 10)
                .collect(Collectors.toMap(id -> id, id -> task(id, "task " + id, "COMPLETED"))));

        List<LinkedTask> found = new TasksPluginLookup(offering(tasks)).find(USER, List.of(3L, 42L, 1L));

        assertThat(found)
                .containsExactly(
                        new LinkedTask(3, "task 3", "COMPLETED"),
                        new LinkedTask(42, null, "NOT_FOUND"),
                        new LinkedTask(1, "task 1", "COMPLETED"));
    }

    @Test
    void withoutADirectoryEveryTaskIsUnavailable() {
        assertThat(new TasksPluginLookup(offering()).find(USER, List.of(1L, 2L)))
                .containsExactly(LinkedTask.unavailable(1), LinkedTask.unavailable(2));
    }

    @Test
    void aFailingDirectoryMakesTheTasksUnavailableNotTheNote() {
        TaskDirectory failing = directory(ids -> {
            throw new IllegalStateException("tasks plugin stopping");
        });

        assertThat(new TasksPluginLookup(offering(failing)).find(USER, List.of(5L)))
                .containsExactly(LinkedTask.unavailable(5));
    }

    @Test
    void noTaskIdsNeedNoLookup() {
        TestPluginContext context = offering();

        assertThat(new TasksPluginLookup(context).find(USER, List.of())).isEmpty();
        assertThat(context.serviceLookups()).isEmpty();
    }
}

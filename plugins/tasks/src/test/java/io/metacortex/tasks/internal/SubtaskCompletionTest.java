package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.tasks.internal.Drafts.completingWithSubtasks;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withParent;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.tasks.TasksPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subtasks of any depth: parents that complete with their last open subtask, recursively, and no cycles. */
class SubtaskCompletionTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    @RegisterExtension
    static final RecordingListener listener = new RecordingListener();

    private static final TaskService service = TasksHarness.service(DB, listener);

    private static Status status(Task task) {
        return service.find(ALICE.id(), task.id()).orElseThrow().status();
    }

    @Test
    void completingTheLastOpenSubtaskCompletesTheParentsUpTheTree() {
        Task root = service.create(ALICE.id(), completingWithSubtasks(titled("root")));
        Task middle = service.create(ALICE.id(), completingWithSubtasks(withParent(titled("middle"), root.id())));
        Task leafA = service.create(ALICE.id(), withParent(titled("a"), middle.id()));
        Task leafB = service.create(ALICE.id(), withParent(titled("b"), middle.id()));

        service.changeStatus(ALICE.id(), leafA.id(), Status.COMPLETED);
        assertThat(status(middle)).as("b is still open").isEqualTo(Status.PENDING);

        service.changeStatus(ALICE.id(), leafB.id(), Status.COMPLETED);

        assertThat(status(middle)).isEqualTo(Status.COMPLETED);
        assertThat(status(root)).isEqualTo(Status.COMPLETED);
        assertThat(service.find(ALICE.id(), root.id()).orElseThrow().completedAt())
                .isNotNull();
        assertThat(listener.ids()).containsExactly(leafA.id(), leafB.id(), middle.id(), root.id());
    }

    @Test
    void aParentWithoutTheFlagOrWithAnotherOpenSubtaskStaysOpen() {
        Task plain = service.create(ALICE.id(), titled("plain parent"));
        Task child = service.create(ALICE.id(), withParent(titled("child"), plain.id()));
        Task flagged = service.create(ALICE.id(), completingWithSubtasks(titled("flagged")));
        Task done = service.create(ALICE.id(), withParent(titled("done"), flagged.id()));
        service.create(ALICE.id(), withParent(titled("open"), flagged.id()));

        service.changeStatus(ALICE.id(), child.id(), Status.COMPLETED);
        service.changeStatus(ALICE.id(), done.id(), Status.COMPLETED);

        assertThat(status(plain)).isEqualTo(Status.PENDING);
        assertThat(status(flagged)).isEqualTo(Status.PENDING);
    }

    @Test
    void theCascadeStopsAtAParentThatDoesNotAskForIt() {
        Task root = service.create(ALICE.id(), completingWithSubtasks(titled("root")));
        Task middle = service.create(ALICE.id(), withParent(titled("middle"), root.id()));
        Task leaf = service.create(ALICE.id(), withParent(titled("leaf"), middle.id()));

        service.changeStatus(ALICE.id(), leaf.id(), Status.COMPLETED);

        assertThat(status(middle)).isEqualTo(Status.PENDING);
        assertThat(status(root)).isEqualTo(Status.PENDING);
    }

    @Test
    void subtasksNestToAnyDepthAndReparentingRefusesEveryCycle() {
        Task previous = service.create(ALICE.id(), titled("level 0"));
        Task top = previous;
        for (int level = 1; level <= 12; level++) {
            previous = service.create(ALICE.id(), withParent(titled("level " + level), previous.id()));
        }
        Task deepest = previous;

        ApiError cycle = failsWith(
                422, () -> service.replace(ALICE.id(), top.id(), withParent(titled("level 0"), deepest.id())));

        assertThat(cycle.fields()).containsOnlyKeys("parentId");
        assertThat(cycle.fields().get("parentId")).contains("cannot be its own ancestor");
        assertThat(service.find(ALICE.id(), top.id()).orElseThrow().parentId())
                .as("unchanged")
                .isNull();
        assertThat(service.find(ALICE.id(), deepest.id()).orElseThrow().parentId())
                .isEqualTo(deepest.id() - 1);
    }
}

package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.tasks.internal.Drafts.completingWithSubtasks;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withParent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestEvents;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUsers;
import io.metacortex.tasks.TasksPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every change of a task publishes its durable event in the change's transaction: created, updated, completed (also
 * a parent completed with its last subtask), deleted; a change that fails publishes nothing.
 */
class TaskEventsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private TestEvents events;
    private TaskService service;

    @BeforeEach
    void service() {
        events = TestPluginContext.of(DB.database()).events();
        service = new TaskService(
                DB.jdbi(), TestUsers.EXISTING::contains, CompletionNotifier.NONE, new TaskEvents(events));
    }

    @Test
    void eachChangePublishesItsEventWithTheTaskAsItIsAfterIt() {
        Task parent = service.create(ALICE.id(), completingWithSubtasks(titled("parent")));
        Task child = service.create(ALICE.id(), withParent(titled("child"), parent.id()));
        service.changeStatus(ALICE.id(), child.id(), Status.COMPLETED);
        service.delete(ALICE.id(), parent.id());

        assertThat(events.published())
                .extracting(
                        TestEvents.Published::type,
                        e -> e.payload(TaskEvent.class).id())
                .containsExactly(
                        tuple(TaskEvents.CREATED, parent.id()),
                        tuple(TaskEvents.CREATED, child.id()),
                        tuple(TaskEvents.UPDATED, child.id()),
                        tuple(TaskEvents.COMPLETED, child.id()),
                        tuple(TaskEvents.COMPLETED, parent.id()),
                        tuple(TaskEvents.DELETED, parent.id()));
        TaskEvent completed =
                events.published(TaskEvents.COMPLETED, TaskEvent.class).get(0);
        assertThat(completed.userId()).isEqualTo(ALICE.id());
        assertThat(completed.ownerId()).isEqualTo(ALICE.id());
        assertThat(completed.status()).isEqualTo("COMPLETED");
        assertThat(completed.seriesId()).isEqualTo(child.id());
        assertThat(completed.completedAt()).isNotNull();
    }

    @Test
    void aChangeThatFailsPublishesNothing() {
        failsWith(422, () -> service.create(ALICE.id(), withParent(titled("orphan"), 424242L)));
        failsWith(404, () -> service.changeStatus(ALICE.id(), 424242L, Status.COMPLETED));

        assertThat(events.published()).isEmpty();
    }
}

package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.plugin.testing.TestUsers.CAROL;
import static io.metacortex.tasks.internal.Drafts.recurring;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withParent;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.tasks.TasksPlugin;
import io.metacortex.tasks.api.TaskSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alice delegates to Bob; Carol is a stranger to both. Through the service, on a real database. */
class DelegationTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    @RegisterExtension
    static final RecordingListener listener = new RecordingListener();

    private static final TaskService service = TasksHarness.service(DB, listener);

    private static Task delegatedToBob(String title) {
        Task task = service.create(ALICE.id(), withTags(titled(title), "home"));
        return service.delegate(ALICE.id(), task.id(), BOB.id());
    }

    private static List<Task> delegatedTo(UUID user) {
        return service.list(user, TaskQuery.all(50).delegatedToCaller()).items();
    }

    private static List<HistoryEvent> events(UUID user, long taskId) {
        return service.history(user, taskId, PageRequest.first(50)).items().stream()
                .map(HistoryEntry::event)
                .toList();
    }

    @Test
    void bothSeeThePendingDelegationAndOnlyTheAssigneeListsIt() {
        Task task = delegatedToBob("buy milk");

        assertThat(task.delegation().assigneeId()).isEqualTo(BOB.id());
        assertThat(task.delegation().state()).isEqualTo(DelegationState.PENDING);
        Task asBob = service.find(BOB.id(), task.id()).orElseThrow();
        assertThat(asBob).isEqualTo(task);
        assertThat(asBob.tags())
                .as("the owner's tags, readable by the assignee")
                .containsExactly("home");
        assertThat(delegatedTo(BOB.id())).containsExactly(task);
        assertThat(delegatedTo(ALICE.id())).isEmpty();
        assertThat(service.list(BOB.id(), TaskQuery.all(50)).items())
                .as("Bob's own tasks")
                .isEmpty();
        assertThat(service.find(CAROL.id(), task.id())).isEmpty();
    }

    @Test
    void acceptingLetsTheAssigneeCompleteItAndTheOwnerSeesWhoDid() {
        Task task = delegatedToBob("mow the lawn");

        failsWith(403, () -> service.changeStatus(BOB.id(), task.id(), Status.COMPLETED));
        Task accepted = service.answerDelegation(BOB.id(), task.id(), true);
        Task done = service.changeStatus(BOB.id(), task.id(), Status.COMPLETED);

        assertThat(accepted.delegation().state()).isEqualTo(DelegationState.ACCEPTED);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(service.find(ALICE.id(), task.id()).orElseThrow().status()).isEqualTo(Status.COMPLETED);
        assertThat(listener.heard).singleElement().satisfies(heard -> {
            assertThat(heard.userId()).isEqualTo(BOB.id());
            assertThat(heard.task().ownerId()).isEqualTo(ALICE.id());
        });
        List<HistoryEntry> history =
                service.history(ALICE.id(), task.id(), PageRequest.first(50)).items();
        assertThat(history)
                .extracting(HistoryEntry::event, HistoryEntry::actorId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HistoryEvent.CREATED, ALICE.id()),
                        org.assertj.core.groups.Tuple.tuple(HistoryEvent.DELEGATED, ALICE.id()),
                        org.assertj.core.groups.Tuple.tuple(HistoryEvent.ACCEPTED, BOB.id()),
                        org.assertj.core.groups.Tuple.tuple(HistoryEvent.COMPLETED, BOB.id()));
        assertThat(history.get(1).details().get("assigneeId").asText())
                .isEqualTo(BOB.id().toString());
        assertThat(events(BOB.id(), task.id()))
                .as("the assignee reads the same history")
                .hasSize(4);
    }

    @Test
    void decliningIsFinalUntilTheOwnerDelegatesAgain() {
        Task task = delegatedToBob("call grandma");

        Task declined = service.answerDelegation(BOB.id(), task.id(), false);
        ApiError again = failsWith(409, () -> service.answerDelegation(BOB.id(), task.id(), true));
        failsWith(403, () -> service.changeStatus(BOB.id(), task.id(), Status.COMPLETED));
        Task redelegated = service.delegate(ALICE.id(), task.id(), BOB.id());

        assertThat(declined.delegation().state()).isEqualTo(DelegationState.DECLINED);
        assertThat(again.fields()).containsExactly(entry("delegation", "was already declined"));
        assertThat(redelegated.delegation().state()).isEqualTo(DelegationState.PENDING);
        assertThat(events(ALICE.id(), task.id()))
                .containsExactly(
                        HistoryEvent.CREATED, HistoryEvent.DELEGATED, HistoryEvent.DECLINED, HistoryEvent.DELEGATED);
    }

    @Test
    void onlyTheOwnerEditsDeletesOrDelegatesAndOnlyTheAssigneeAnswers() {
        Task task = delegatedToBob("owner's");
        String id = Long.toString(task.id());

        assertThat(failsWith(403, () -> service.replace(BOB.id(), task.id(), titled("taken")))
                        .detail())
                .contains("only the task's owner");
        failsWith(403, () -> service.delete(BOB.id(), task.id()));
        failsWith(403, () -> service.delegate(BOB.id(), task.id(), CAROL.id()));
        failsWith(403, () -> service.answerDelegation(ALICE.id(), task.id(), true));

        assertThat(failsWith(404, () -> service.changeStatus(CAROL.id(), task.id(), Status.COMPLETED))
                        .detail())
                .isEqualTo("no task with id " + id);
        failsWith(404, () -> service.answerDelegation(CAROL.id(), task.id(), true));
        failsWith(404, () -> service.history(CAROL.id(), task.id(), PageRequest.first(10)));
        failsWith(404, () -> service.delegate(CAROL.id(), task.id(), BOB.id()));
        assertThat(service.delete(CAROL.id(), task.id())).isFalse();

        assertThat(service.find(ALICE.id(), task.id())).contains(task);
        assertThat(events(ALICE.id(), task.id())).containsExactly(HistoryEvent.CREATED, HistoryEvent.DELEGATED);
    }

    @Test
    void theAssigneeMustBeAnotherExistingUserAndARefusalChangesNothing() {
        Task task = service.create(ALICE.id(), titled("t"));
        UUID stranger = UUID.randomUUID();

        assertThat(failsWith(422, () -> service.delegate(ALICE.id(), task.id(), stranger))
                        .fields())
                .containsExactly(entry("assigneeId", "no user with id " + stranger));
        assertThat(failsWith(422, () -> service.delegate(ALICE.id(), task.id(), ALICE.id()))
                        .fields())
                .containsOnlyKeys("assigneeId");

        assertThat(service.find(ALICE.id(), task.id()).orElseThrow().delegation())
                .isNull();
        assertThat(events(ALICE.id(), task.id())).containsExactly(HistoryEvent.CREATED);
    }

    @Test
    void deletingDelegatedTasksTellsTheirAssigneesAndNobodyElse() {
        Task parent = delegatedToBob("parent");
        Task child = service.create(ALICE.id(), withParent(titled("child"), parent.id()));
        service.delegate(ALICE.id(), child.id(), CAROL.id());
        service.create(ALICE.id(), withParent(titled("not delegated"), parent.id()));

        assertThat(service.delete(ALICE.id(), parent.id())).isTrue();

        assertThat(service.notifications(BOB.id(), PageRequest.first(10)).items())
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.event()).isEqualTo("TASK_DELETED");
                    assertThat(n.taskId()).isEqualTo(parent.id());
                    assertThat(n.taskTitle()).isEqualTo("parent");
                    assertThat(n.actorId()).isEqualTo(ALICE.id());
                });
        assertThat(service.notifications(CAROL.id(), PageRequest.first(10)).items())
                .extracting(Notification::taskId)
                .containsExactly(child.id());
        assertThat(service.notifications(ALICE.id(), PageRequest.first(10)).items())
                .isEmpty();
        assertThat(delegatedTo(BOB.id())).isEmpty();
    }

    @Test
    void notificationsArePaged() {
        for (int i = 0; i < 3; i++) {
            service.delete(ALICE.id(), delegatedToBob("t" + i).id());
        }

        Page<Notification> first = service.notifications(BOB.id(), PageRequest.first(2));
        Page<Notification> second = service.notifications(BOB.id(), PageRequest.parse("2", first.nextCursor()));

        assertThat(first.items()).extracting(Notification::taskTitle).containsExactly("t0", "t1");
        assertThat(second.items()).extracting(Notification::taskTitle).containsExactly("t2");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void theNextInstanceOfARecurringDelegatedTaskStaysDelegated() {
        Task task = service.create(
                ALICE.id(), recurring(titled("bins"), "FREQ=WEEKLY", Instant.parse("2026-12-01T18:00:00Z")));
        service.delegate(ALICE.id(), task.id(), BOB.id());
        service.answerDelegation(BOB.id(), task.id(), true);

        service.changeStatus(BOB.id(), ZoneOffset.UTC, task.id(), Status.COMPLETED);

        List<Task> bobs = delegatedTo(BOB.id());
        assertThat(bobs).hasSize(2);
        assertThat(bobs.get(1))
                .extracting(Task::due, Task::seriesId, t -> t.delegation().state())
                .containsExactly(Instant.parse("2026-12-08T18:00:00Z"), task.id(), DelegationState.ACCEPTED);
        assertThat(bobs.get(1).ownerId()).isEqualTo(ALICE.id());
    }

    @Test
    void theDirectoryFindsTasksForTheirOwnerAndAssigneeOnly() {
        Task delegated = delegatedToBob("shared");
        Task own = service.create(ALICE.id(), titled("own"));
        TaskDirectoryService directory = new TaskDirectoryService(service);

        assertThat(directory.find(BOB.id(), delegated.id()))
                .map(TaskSummary::title)
                .contains("shared");
        assertThat(directory.find(BOB.id(), own.id())).isEmpty();
        assertThat(directory.find(CAROL.id(), delegated.id())).isEmpty();
        Map<Long, TaskSummary> alices = directory.findAll(ALICE.id(), List.of(delegated.id(), own.id(), 999L));
        assertThat(alices).containsOnlyKeys(delegated.id(), own.id());
        assertThat(alices.get(own.id()))
                .isEqualTo(new TaskSummary(own.id(), own.id(), ALICE.id(), "own", "PENDING", null, null));
        assertThat(directory.findAll(BOB.id(), List.of(delegated.id(), own.id())))
                .containsOnlyKeys(delegated.id());
        assertThat(directory.findAll(CAROL.id(), List.of())).isEmpty();
    }
}

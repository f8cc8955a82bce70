package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withParent;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.tasks.TasksPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskServiceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private static final TaskService service = new TaskService(DB.jdbi());

    @Test
    void pagesThroughEveryTaskOnceWithoutGapsOrDuplicates() {
        for (int i = 1; i <= 23; i++) {
            service.create(ALICE.id(), titled("task " + i));
        }
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        TaskQuery query = TaskQuery.all(5);
        while (true) {
            TaskPage page = service.list(ALICE.id(), query);
            page.items().forEach(t -> seen.add(t.id()));
            pageSizes.add(page.items().size());
            if (page.nextCursor() == null) {
                break;
            }
            query = TaskQueryParser.parse(null, null, null, null, null, null, "5", page.nextCursor());
        }
        assertThat(seen)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 23).boxed().toList());
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        service.create(ALICE.id(), titled("a"));
        service.create(ALICE.id(), titled("b"));

        TaskPage page = service.list(ALICE.id(), TaskQuery.all(2));

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void pagingKeepsTheFilters() {
        for (int i = 1; i <= 6; i++) {
            service.create(ALICE.id(), i % 2 == 0 ? withTags(titled("even " + i), "even") : titled("odd " + i));
        }
        TaskQuery first = new TaskQuery(Set.of(), Set.of(), List.of("even"), null, null, null, 0, 2);

        TaskPage page1 = service.list(ALICE.id(), first);
        TaskPage page2 = service.list(
                ALICE.id(), first.after(PageCursor.decode(page1.nextCursor()).orElseThrow()));

        assertThat(page1.items()).extracting(Task::id).containsExactly(2L, 4L);
        assertThat(page2.items()).extracting(Task::id).containsExactly(6L);
        assertThat(page2.nextCursor()).isNull();
    }

    @Test
    void aNewTaskNeedsAnExistingParent() {
        ApiError error = failsWith(422, () -> service.create(ALICE.id(), withParent(titled("orphan"), 404L)));

        assertThat(error.fields()).containsExactly(entry("parentId", "no task with id 404"));
        assertThat(service.list(ALICE.id(), TaskQuery.all(10)).items()).isEmpty();
    }

    @Test
    void createsSubtasks() {
        Task parent = service.create(ALICE.id(), titled("parent"));
        Task child = service.create(ALICE.id(), withParent(titled("child"), parent.id()));

        assertThat(child.parentId()).isEqualTo(parent.id());
    }

    @Test
    void aTaskCannotBecomeItsOwnParent() {
        Task task = service.create(ALICE.id(), titled("t"));

        ApiError error =
                failsWith(422, () -> service.replace(ALICE.id(), task.id(), withParent(titled("t"), task.id())));

        assertThat(error.fields()).containsExactly(entry("parentId", "a task cannot be its own parent"));
    }

    @Test
    void aTaskCannotMoveUnderItsOwnDescendant() {
        Task a = service.create(ALICE.id(), titled("a"));
        Task b = service.create(ALICE.id(), withParent(titled("b"), a.id()));
        Task c = service.create(ALICE.id(), withParent(titled("c"), b.id()));

        ApiError error = failsWith(422, () -> service.replace(ALICE.id(), a.id(), withParent(titled("a"), c.id())));

        assertThat(error.fields())
                .containsExactly(entry(
                        "parentId",
                        "task " + c.id() + " is a subtask of task " + a.id() + "; a task cannot be its own ancestor"));
        assertThat(service.find(ALICE.id(), a.id()).orElseThrow().parentId()).isNull();
    }

    @Test
    void aTaskCanMoveUnderAnotherBranchOrBackToTheTop() {
        Task a = service.create(ALICE.id(), titled("a"));
        Task b = service.create(ALICE.id(), titled("b"));
        Task c = service.create(ALICE.id(), withParent(titled("c"), a.id()));

        assertThat(service.replace(ALICE.id(), c.id(), withParent(titled("c"), b.id()))
                        .parentId())
                .isEqualTo(b.id());
        assertThat(service.replace(ALICE.id(), a.id(), withParent(titled("a"), c.id()))
                        .parentId())
                .isEqualTo(c.id());
        assertThat(service.replace(ALICE.id(), c.id(), titled("c")).parentId()).isNull();
    }

    @Test
    void replacingNeedsAnExistingTaskAndParent() {
        Task task = service.create(ALICE.id(), titled("t"));

        assertThat(failsWith(404, () -> service.replace(ALICE.id(), 999, titled("x")))
                        .detail())
                .isEqualTo("no task with id 999");
        assertThat(failsWith(422, () -> service.replace(ALICE.id(), task.id(), withParent(titled("t"), 999L)))
                        .fields())
                .containsExactly(entry("parentId", "no task with id 999"));
    }

    @Test
    void pagingSeesOnlyTheOwnersTasks() {
        for (int i = 1; i <= 6; i++) {
            service.create(i % 2 == 0 ? ALICE.id() : BOB.id(), titled("task " + i));
        }

        TaskPage alices = service.list(ALICE.id(), TaskQuery.all(2));
        TaskPage more = service.list(
                ALICE.id(),
                TaskQuery.all(2).after(PageCursor.decode(alices.nextCursor()).orElseThrow()));

        assertThat(alices.items()).extracting(Task::id).containsExactly(2L, 4L);
        assertThat(more.items()).extracting(Task::id).containsExactly(6L);
        assertThat(more.nextCursor()).isNull();
    }

    @Test
    void anotherOwnersTaskCannotBeMovedUnder() {
        Task bobs = service.create(BOB.id(), titled("bob's"));
        Task alices = service.create(ALICE.id(), titled("alice's"));

        assertThat(failsWith(422, () -> service.replace(ALICE.id(), alices.id(), withParent(titled("a"), bobs.id())))
                        .fields())
                .containsExactly(entry("parentId", "no task with id " + bobs.id()));
        assertThat(failsWith(404, () -> service.replace(BOB.id(), alices.id(), titled("x")))
                        .detail())
                .isEqualTo("no task with id " + alices.id());
        assertThat(service.find(ALICE.id(), alices.id()).orElseThrow().parentId())
                .isNull();
    }

    @Test
    void deleteReportsWhetherTheTaskExisted() {
        Task task = service.create(ALICE.id(), titled("t"));

        assertThat(service.delete(ALICE.id(), task.id())).isTrue();
        assertThat(service.delete(ALICE.id(), task.id())).isFalse();
        assertThat(service.find(ALICE.id(), task.id())).isEmpty();
    }
}

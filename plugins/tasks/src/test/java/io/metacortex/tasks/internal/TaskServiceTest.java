package io.metacortex.tasks.internal;

import static io.metacortex.tasks.internal.ApiExceptionAssert.failsWith;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withParent;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskServiceTest {

    private static TasksDatabase db;
    private static TaskService service;

    @BeforeAll
    static void createDatabase() {
        db = TasksDatabase.create();
        service = new TaskService(db.jdbi());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void reset() {
        db.reset();
    }

    @Test
    void pagesThroughEveryTaskOnceWithoutGapsOrDuplicates() {
        for (int i = 1; i <= 23; i++) {
            service.create(titled("task " + i));
        }
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        TaskQuery query = TaskQuery.all(5);
        while (true) {
            TaskPage page = service.list(query);
            page.items().forEach(t -> seen.add(t.id()));
            pageSizes.add(page.items().size());
            if (page.nextCursor() == null) {
                break;
            }
            query = TaskQueryParser.parse(null, null, null, null, null, null, "5", page.nextCursor());
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 23).boxed().toList());
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        service.create(titled("a"));
        service.create(titled("b"));

        TaskPage page = service.list(TaskQuery.all(2));

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void pagingKeepsTheFilters() {
        for (int i = 1; i <= 6; i++) {
            service.create(i % 2 == 0 ? withTags(titled("even " + i), "even") : titled("odd " + i));
        }
        TaskQuery first = new TaskQuery(Set.of(), Set.of(), List.of("even"), null, null, null, 0, 2);

        TaskPage page1 = service.list(first);
        TaskPage page2 = service.list(first.after(PageCursor.decode(page1.nextCursor()).orElseThrow()));

        assertThat(page1.items()).extracting(Task::id).containsExactly(2L, 4L);
        assertThat(page2.items()).extracting(Task::id).containsExactly(6L);
        assertThat(page2.nextCursor()).isNull();
    }

    @Test
    void aNewTaskNeedsAnExistingParent() {
        ApiError error = failsWith(422, () -> service.create(withParent(titled("orphan"), 404L)));

        assertThat(error.fields()).containsExactly(entry("parentId", "no task with id 404"));
        assertThat(service.list(TaskQuery.all(10)).items()).isEmpty();
    }

    @Test
    void createsSubtasks() {
        Task parent = service.create(titled("parent"));
        Task child = service.create(withParent(titled("child"), parent.id()));

        assertThat(child.parentId()).isEqualTo(parent.id());
    }

    @Test
    void aTaskCannotBecomeItsOwnParent() {
        Task task = service.create(titled("t"));

        ApiError error = failsWith(422, () -> service.replace(task.id(), withParent(titled("t"), task.id())));

        assertThat(error.fields()).containsExactly(entry("parentId", "a task cannot be its own parent"));
    }

    @Test
    void aTaskCannotMoveUnderItsOwnDescendant() {
        Task a = service.create(titled("a"));
        Task b = service.create(withParent(titled("b"), a.id()));
        Task c = service.create(withParent(titled("c"), b.id()));

        ApiError error = failsWith(422, () -> service.replace(a.id(), withParent(titled("a"), c.id())));

        assertThat(error.fields()).containsExactly(entry("parentId",
                "task " + c.id() + " is a subtask of task " + a.id() + "; a task cannot be its own ancestor"));
        assertThat(service.find(a.id()).orElseThrow().parentId()).isNull();
    }

    @Test
    void aTaskCanMoveUnderAnotherBranchOrBackToTheTop() {
        Task a = service.create(titled("a"));
        Task b = service.create(titled("b"));
        Task c = service.create(withParent(titled("c"), a.id()));

        assertThat(service.replace(c.id(), withParent(titled("c"), b.id())).parentId()).isEqualTo(b.id());
        assertThat(service.replace(a.id(), withParent(titled("a"), c.id())).parentId()).isEqualTo(c.id());
        assertThat(service.replace(c.id(), titled("c")).parentId()).isNull();
    }

    @Test
    void replacingNeedsAnExistingTaskAndParent() {
        Task task = service.create(titled("t"));

        assertThat(failsWith(404, () -> service.replace(999, titled("x"))).detail()).isEqualTo("no task with id 999");
        assertThat(failsWith(422, () -> service.replace(task.id(), withParent(titled("t"), 999L))).fields())
                .containsExactly(entry("parentId", "no task with id 999"));
    }

    @Test
    void deleteReportsWhetherTheTaskExisted() {
        Task task = service.create(titled("t"));

        assertThat(service.delete(task.id())).isTrue();
        assertThat(service.delete(task.id())).isFalse();
        assertThat(service.find(task.id())).isEmpty();
    }
}

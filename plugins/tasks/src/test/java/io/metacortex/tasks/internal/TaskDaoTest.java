package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withDue;
import static io.metacortex.tasks.internal.Drafts.withParent;
import static io.metacortex.tasks.internal.Drafts.withPriority;
import static io.metacortex.tasks.internal.Drafts.withStatus;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.tasks.TasksPlugin;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskDaoTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private Handle handle;
    private TaskDao dao;
    private TaskDao bobDao;

    @BeforeEach
    void openHandle() {
        handle = DB.jdbi().open();
        dao = new TaskDao(handle, ALICE.id());
        bobDao = new TaskDao(handle, BOB.id());
    }

    @AfterEach
    void closeHandle() {
        handle.close();
    }

    private Task insert(TaskDraft draft) {
        return dao.insert(draft);
    }

    @Test
    void insertsAndFindsEveryField() {
        Instant due = Instant.parse("2026-12-01T09:00:00Z");
        Task parent = insert(titled("parent"));
        TaskDraft draft = new TaskDraft(
                "Write report",
                "# Notes\n- one",
                due,
                Priority.HIGH,
                Status.IN_PROGRESS,
                List.of("home", "work"),
                parent.id());

        Task created = insert(draft);

        assertThat(created.id()).isPositive();
        assertThat(created)
                .extracting(
                        Task::title,
                        Task::description,
                        Task::due,
                        Task::priority,
                        Task::status,
                        Task::tags,
                        Task::parentId,
                        Task::completedAt)
                .containsExactly(
                        "Write report",
                        "# Notes\n- one",
                        due,
                        Priority.HIGH,
                        Status.IN_PROGRESS,
                        List.of("home", "work"),
                        parent.id(),
                        null);
        assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
        assertThat(dao.find(created.id())).contains(created);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(dao.find(42)).isEmpty();
        assertThat(dao.exists(42)).isFalse();
    }

    @Test
    void updateReplacesEditableFieldsAndTouchesUpdatedAt() {
        Task task = insert(withTags(titled("old"), "a"));
        TaskDraft replacement = new TaskDraft(
                "new",
                "text",
                Instant.parse("2027-01-01T00:00:00Z"),
                Priority.LOW,
                Status.BLOCKED,
                List.of("b", "c"),
                null);

        Task updated = dao.update(task.id(), replacement).orElseThrow();

        assertThat(updated)
                .extracting(
                        Task::id,
                        Task::title,
                        Task::description,
                        Task::due,
                        Task::priority,
                        Task::status,
                        Task::tags,
                        Task::createdAt)
                .containsExactly(
                        task.id(),
                        "new",
                        "text",
                        replacement.due(),
                        Priority.LOW,
                        Status.BLOCKED,
                        List.of("b", "c"),
                        task.createdAt());
        assertThat(updated.updatedAt()).isAfter(task.updatedAt());
    }

    @Test
    void updateOfAnUnknownIdChangesNothing() {
        assertThat(dao.update(7, titled("x"))).isEmpty();
    }

    @Test
    void completedAtIsSetOnCompletionKeptWhileCompletedAndClearedOnLeaving() {
        Task task = insert(titled("t"));
        assertThat(task.completedAt()).isNull();

        Task completed =
                dao.update(task.id(), withStatus(titled("t"), Status.COMPLETED)).orElseThrow();
        assertThat(completed.completedAt()).isNotNull();

        Task edited = dao.update(task.id(), withStatus(titled("t2"), Status.COMPLETED))
                .orElseThrow();
        assertThat(edited.completedAt()).isEqualTo(completed.completedAt());

        Task reopened =
                dao.update(task.id(), withStatus(titled("t2"), Status.PENDING)).orElseThrow();
        assertThat(reopened.completedAt()).isNull();
    }

    @Test
    void insertingACompletedTaskSetsCompletedAt() {
        assertThat(insert(withStatus(titled("done"), Status.COMPLETED)).completedAt())
                .isNotNull();
    }

    @Test
    void deleteRemovesTheTaskAndItsSubtreeOnly() {
        Task root = insert(titled("root"));
        Task child = insert(withParent(titled("child"), root.id()));
        Task grandchild = insert(withParent(titled("grandchild"), child.id()));
        Task other = insert(titled("other"));

        assertThat(dao.delete(root.id())).isTrue();

        assertThat(dao.find(child.id())).isEmpty();
        assertThat(dao.find(grandchild.id())).isEmpty();
        assertThat(dao.find(other.id())).isPresent();
        assertThat(dao.delete(root.id())).isFalse();
    }

    @Test
    void theSchemaRejectsAMissingParent() {
        assertThatThrownBy(() -> insert(withParent(titled("orphan"), 999L)))
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }

    @Test
    void findsSelfAndAncestorsButNotDescendantsOrStrangers() {
        Task a = insert(titled("a"));
        Task b = insert(withParent(titled("b"), a.id()));
        Task c = insert(withParent(titled("c"), b.id()));
        Task stranger = insert(titled("stranger"));

        assertThat(dao.isSelfOrAncestor(c.id(), c.id())).isTrue();
        assertThat(dao.isSelfOrAncestor(a.id(), c.id())).isTrue();
        assertThat(dao.isSelfOrAncestor(b.id(), c.id())).isTrue();
        assertThat(dao.isSelfOrAncestor(c.id(), a.id())).isFalse();
        assertThat(dao.isSelfOrAncestor(stranger.id(), c.id())).isFalse();
    }

    @Test
    void listsEverythingInIdOrderAfterTheGivenId() {
        Task one = insert(titled("1"));
        Task two = insert(titled("2"));
        Task three = insert(titled("3"));

        assertThat(dao.list(TaskQuery.all(10))).containsExactly(one, two, three);
        assertThat(dao.list(TaskQuery.all(10).after(one.id()))).containsExactly(two, three);
        assertThat(dao.list(TaskQuery.all(1).after(one.id()))).containsExactly(two);
    }

    @Test
    void filtersByStatusAnyOf() {
        Task pending = insert(titled("p"));
        Task blocked = insert(withStatus(titled("b"), Status.BLOCKED));
        insert(withStatus(titled("c"), Status.COMPLETED));

        assertThat(ids(query(Set.of(Status.BLOCKED), Set.of(), List.of(), null, null, null)))
                .containsExactly(blocked.id());
        assertThat(ids(query(Set.of(Status.PENDING, Status.BLOCKED), Set.of(), List.of(), null, null, null)))
                .containsExactly(pending.id(), blocked.id());
    }

    @Test
    void filtersByPriority() {
        insert(titled("m"));
        Task high = insert(withPriority(titled("h"), Priority.HIGH));

        assertThat(ids(query(Set.of(), Set.of(Priority.HIGH), List.of(), null, null, null)))
                .containsExactly(high.id());
    }

    @Test
    void filtersByTagsRequiringAllOfThem() {
        Task both = insert(withTags(titled("both"), "home", "urgent"));
        Task home = insert(withTags(titled("home"), "home"));
        insert(titled("none"));

        assertThat(ids(query(Set.of(), Set.of(), List.of("home"), null, null, null)))
                .containsExactly(both.id(), home.id());
        assertThat(ids(query(Set.of(), Set.of(), List.of("home", "urgent"), null, null, null)))
                .containsExactly(both.id());
        assertThat(ids(query(Set.of(), Set.of(), List.of("nope"), null, null, null)))
                .isEmpty();
    }

    @Test
    void filtersByDueRangeExclusiveAndSkipsUndatedTasks() {
        Task early = insert(withDue(titled("early"), Instant.parse("2026-01-01T00:00:00Z")));
        Task middle = insert(withDue(titled("middle"), Instant.parse("2026-06-01T00:00:00Z")));
        Task late = insert(withDue(titled("late"), Instant.parse("2026-12-01T00:00:00Z")));
        insert(titled("undated"));

        assertThat(ids(query(Set.of(), Set.of(), List.of(), middle.due(), null, null)))
                .containsExactly(early.id());
        assertThat(ids(query(Set.of(), Set.of(), List.of(), null, middle.due(), null)))
                .containsExactly(late.id());
        assertThat(ids(query(Set.of(), Set.of(), List.of(), late.due(), early.due(), null)))
                .containsExactly(middle.id());
    }

    @Test
    void filtersByParent() {
        Task parent = insert(titled("parent"));
        Task child = insert(withParent(titled("child"), parent.id()));
        insert(withParent(titled("grandchild"), child.id()));

        assertThat(ids(query(Set.of(), Set.of(), List.of(), null, null, parent.id())))
                .containsExactly(child.id());
    }

    @Test
    void combinesFilters() {
        Task match = insert(withTags(withPriority(titled("match"), Priority.HIGH), "work"));
        insert(withTags(titled("medium"), "work"));
        insert(withPriority(titled("untagged"), Priority.HIGH));

        assertThat(ids(query(Set.of(Status.PENDING), Set.of(Priority.HIGH), List.of("work"), null, null, null)))
                .containsExactly(match.id());
    }

    @Test
    void anotherOwnersTaskIsInvisibleToEveryStatement() {
        Task alices = insert(withTags(titled("alice's"), "shared"));
        Task bobs = bobDao.insert(withTags(titled("bob's"), "shared"));

        assertThat(bobDao.find(alices.id())).isEmpty();
        assertThat(bobDao.exists(alices.id())).isFalse();
        assertThat(bobDao.update(alices.id(), titled("taken over"))).isEmpty();
        assertThat(bobDao.delete(alices.id())).isFalse();
        assertThat(bobDao.isSelfOrAncestor(alices.id(), alices.id())).isFalse();
        assertThat(bobDao.list(TaskQuery.all(10))).containsExactly(bobs);
        assertThat(bobDao.list(query(Set.of(), Set.of(), List.of("shared"), null, null, null)))
                .containsExactly(bobs);
        assertThat(dao.find(alices.id())).contains(alices);
        assertThat(dao.list(TaskQuery.all(10))).containsExactly(alices);
    }

    @Test
    void theSchemaRejectsAParentOfAnotherOwner() {
        Task alices = insert(titled("alice's"));

        // Even when the DAO's own check is skipped, the (owner_id, parent_id) foreign key refuses it.
        assertThatThrownBy(() -> bobDao.insert(withParent(titled("bob's child"), alices.id())))
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }

    @Test
    void rowsWithoutOwnerAreKeptButVisibleToNobody() {
        handle.execute("INSERT INTO tasks (title) VALUES ('written before owners')");

        assertThat(dao.list(TaskQuery.all(10))).isEmpty();
        assertThat(bobDao.list(TaskQuery.all(10))).isEmpty();
        assertThat(dao.exists(1)).isFalse();
        assertThat(handle.createQuery("SELECT count(*) FROM tasks")
                        .mapTo(Integer.class)
                        .one())
                .isEqualTo(1);
    }

    @Test
    void aTaskGetsOneNextInstanceWhateverTheCallers() {
        Task first = insert(Drafts.recurring(titled("daily"), "FREQ=DAILY", Instant.parse("2026-12-01T09:00:00Z")));

        assertThat(bobDao.insertNext(first, Instant.parse("2026-12-03T09:00:00Z")))
                .as("not Bob's task")
                .isEmpty();
        // As two concurrent completions would, past the service's row lock: the unique previous_id decides.
        java.util.Optional<Task> next = dao.insertNext(first, Instant.parse("2026-12-02T09:00:00Z"));
        java.util.Optional<Task> again = dao.insertNext(first, Instant.parse("2026-12-02T09:00:00Z"));

        assertThat(next).hasValueSatisfying(t -> assertThat(t.seriesId()).isEqualTo(first.id()));
        assertThat(again).isEmpty();
        assertThat(dao.list(TaskQuery.all(10))).hasSize(2);
    }

    private static TaskQuery query(
            Set<Status> statuses,
            Set<Priority> priorities,
            List<String> tags,
            Instant dueBefore,
            Instant dueAfter,
            Long parentId) {
        return new TaskQuery(statuses, priorities, tags, dueBefore, dueAfter, parentId, 0, TaskQuery.MAX_LIMIT);
    }

    private List<Long> ids(TaskQuery query) {
        return dao.list(query).stream().map(Task::id).toList();
    }
}

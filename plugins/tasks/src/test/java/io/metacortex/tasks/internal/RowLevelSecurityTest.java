package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.tasks.internal.Drafts.titled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.RowLevelSecurityRole;
import io.metacortex.plugin.testing.TestUsers;
import io.metacortex.tasks.TasksPlugin;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The row-level security policy of V2 on its own: plain SQL with no owner filter, as a role that does not bypass it
 * (the test database's user is a superuser, and superusers always bypass row-level security), with
 * {@code app.user_id} set the way the host sets it on a plugin's connections.
 */
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @RegisterExtension
    static final PluginDatabaseExtension DB =
            PluginDatabaseExtension.of("tasks", TasksPlugin.class).withRowLevelSecurityRole();

    private Handle handle;

    @BeforeEach
    void seedAndConnectAsTheRole() {
        DB.jdbi().useHandle(h -> {
            new TaskDao(h, ALICE.id()).insert(titled("alice 1"));
            new TaskDao(h, BOB.id()).insert(titled("bob 1"));
            new TaskDao(h, ALICE.id()).insert(titled("alice 2"));
            h.execute("INSERT INTO tasks (title) VALUES ('no owner')");
        });
        handle = DB.role().open();
    }

    @AfterEach
    void closeHandle() {
        handle.close();
    }

    private void actAs(String userId) {
        RowLevelSecurityRole.actAs(handle, userId);
    }

    private List<String> visibleTitles() {
        return handle.createQuery("SELECT title FROM plugin_tasks.tasks ORDER BY id")
                .mapTo(String.class)
                .list();
    }

    @Test
    void theRoleDoesNotBypassRowLevelSecurity() {
        assertThat(handle.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                        .mapTo(Boolean.class)
                        .one())
                .isFalse();
    }

    @Test
    void aUserSeesOnlyTheirOwnRows() {
        actAs(ALICE.id().toString());
        assertThat(visibleTitles()).containsExactly("alice 1", "alice 2");

        actAs(BOB.id().toString());
        assertThat(visibleTitles()).containsExactly("bob 1");
    }

    @Test
    void noUserSeesNoRows() {
        assertThat(visibleTitles())
                .as("app.user_id never set on this connection")
                .isEmpty();

        actAs("");
        assertThat(visibleTitles())
                .as("app.user_id = '' (outside a request, anonymous)")
                .isEmpty();
    }

    @Test
    void writingARowOwnedBySomeoneElseIsRefused() {
        actAs(ALICE.id().toString());

        assertThatThrownBy(() -> handle.createUpdate(
                                "INSERT INTO plugin_tasks.tasks (owner_id, title) " + "VALUES (:bob, 'planted')")
                        .bind("bob", BOB.id())
                        .execute())
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        assertThatThrownBy(() -> handle.createUpdate("UPDATE plugin_tasks.tasks SET owner_id = :bob")
                        .bind("bob", BOB.id())
                        .execute())
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        assertThat(handle.createUpdate("INSERT INTO plugin_tasks.tasks (owner_id, title) VALUES (:alice, 'mine')")
                        .bind("alice", ALICE.id())
                        .execute())
                .isEqualTo(1);
    }

    @Test
    void theAssigneeReadsAndUpdatesADelegatedTaskButCannotTakeItOverOrDeleteIt() {
        DB.jdbi().useHandle(h -> {
            long bobs = h.createQuery("SELECT id FROM tasks WHERE title = 'bob 1'")
                    .mapTo(Long.class)
                    .one();
            new TaskDao(h, BOB.id()).delegate(bobs, ALICE.id());
        });
        actAs(ALICE.id().toString());

        assertThat(visibleTitles()).containsExactly("alice 1", "bob 1", "alice 2");
        assertThat(handle.execute("UPDATE plugin_tasks.tasks SET status = 'IN_PROGRESS' WHERE title = 'bob 1'"))
                .isEqualTo(1);
        assertThatThrownBy(() -> handle.createUpdate("UPDATE plugin_tasks.tasks SET assignee_id = :carol,"
                                + " delegation_state = 'PENDING' WHERE title = 'bob 1'")
                        .bind("carol", TestUsers.CAROL.id())
                        .execute())
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        assertThat(handle.execute("DELETE FROM plugin_tasks.tasks WHERE title = 'bob 1'"))
                .isZero();

        actAs(TestUsers.CAROL.id().toString());
        assertThat(visibleTitles()).isEmpty();
        actAs(BOB.id().toString());
        assertThat(visibleTitles()).containsExactly("bob 1");
    }

    @Test
    void projectsTagsHistoryAndNotificationsAreEachUsersOwn() {
        DB.jdbi().useHandle(h -> {
            h.execute(
                    "INSERT INTO projects (owner_id, name) VALUES (?, 'alice project'), (?, 'bob project')",
                    ALICE.id(),
                    BOB.id());
            h.execute(
                    "INSERT INTO tags (owner_id, name) VALUES (?, 'alice tag'), (?, 'bob tag')", ALICE.id(), BOB.id());
            h.execute(
                    "INSERT INTO task_notifications (owner_id, actor_id, event, task_id, task_title)"
                            + " VALUES (?, ?, 'TASK_DELETED', 1, 'gone')",
                    BOB.id(),
                    ALICE.id());
        });
        actAs(ALICE.id().toString());

        assertThat(handle.createQuery("SELECT name FROM plugin_tasks.projects")
                        .mapTo(String.class)
                        .list())
                .containsExactly("alice project");
        assertThat(handle.createQuery("SELECT name FROM plugin_tasks.tags")
                        .mapTo(String.class)
                        .list())
                .containsExactly("alice tag");
        assertThat(handle.createQuery("SELECT count(*) FROM plugin_tasks.task_notifications")
                        .mapTo(Integer.class)
                        .one())
                .as("Alice caused it, Bob is told")
                .isZero();
        assertThat(handle.createQuery("SELECT count(*) FROM plugin_tasks.task_history")
                        .mapTo(Integer.class)
                        .one())
                .isZero();

        actAs(BOB.id().toString());
        assertThat(handle.createQuery("SELECT task_title FROM plugin_tasks.task_notifications")
                        .mapTo(String.class)
                        .list())
                .containsExactly("gone");
    }

    @Test
    void theWholeDelegationFlowWorksAsTheRoleTheHostUses() {
        UUID[] current = {ALICE.id()};
        TaskService service = new TaskService(
                DB.role().jdbi(() -> current[0]), TestUsers.EXISTING::contains, CompletionNotifier.NONE);
        Task task = service.create(
                ALICE.id(),
                Drafts.recurring(
                        Drafts.withTags(titled("delegated"), "home"),
                        "FREQ=DAILY",
                        java.time.Instant.parse("2026-12-01T09:00:00Z")));
        service.delegate(ALICE.id(), task.id(), BOB.id());

        current[0] = BOB.id();
        assertThat(service.find(BOB.id(), task.id()).orElseThrow().tags()).containsExactly("home");
        service.answerDelegation(BOB.id(), task.id(), true);
        service.changeStatus(BOB.id(), task.id(), Status.COMPLETED);
        List<Task> bobs =
                service.list(BOB.id(), TaskQuery.all(10).delegatedToCaller()).items();
        assertThat(bobs).hasSize(2);
        assertThat(bobs.get(1).tags()).containsExactly("home");
        assertThat(service.history(BOB.id(), task.id(), PageRequest.first(10)).items())
                .hasSize(4);

        current[0] = TestUsers.CAROL.id();
        assertThat(service.find(TestUsers.CAROL.id(), task.id())).isEmpty();

        current[0] = ALICE.id();
        assertThat(service.delete(ALICE.id(), task.id())).isTrue();
        current[0] = BOB.id();
        assertThat(service.notifications(BOB.id(), PageRequest.first(10)).items())
                .hasSize(1);
    }

    @Test
    void otherUsersRowsCannotBeUpdatedOrDeleted() {
        actAs(ALICE.id().toString());

        assertThat(handle.execute("UPDATE plugin_tasks.tasks SET title = 'changed' WHERE title = 'bob 1'"))
                .isZero();
        assertThat(handle.execute("DELETE FROM plugin_tasks.tasks WHERE title <> 'alice 1'"))
                .isEqualTo(1);

        actAs(BOB.id().toString());
        assertThat(visibleTitles()).containsExactly("bob 1");
    }
}

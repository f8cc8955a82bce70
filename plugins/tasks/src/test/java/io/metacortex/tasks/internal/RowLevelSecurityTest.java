package io.metacortex.tasks.internal;

import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.TestUsers.ALICE;
import static io.metacortex.tasks.internal.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The row-level security policy of V2 on its own: plain SQL with no owner filter, as a role that does not bypass it
 * (the test database's user is a superuser, and superusers always bypass row-level security), with
 * {@code app.user_id} set the way the host sets it on a plugin's connections.
 */
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** Roles belong to the whole server, which other builds share: a name of this run's own. */
    private static final String ROLE = "tasks_rls_test_" + UUID.randomUUID().toString().replace("-", "");

    private static TasksDatabase db;

    @BeforeAll
    static void createDatabaseAndRole() {
        db = TasksDatabase.create();
        db.jdbi().useHandle(h -> {
            h.execute("CREATE ROLE " + ROLE + " NOLOGIN");
            h.execute("GRANT USAGE ON SCHEMA " + TasksDatabase.SCHEMA + " TO " + ROLE);
            h.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + TasksDatabase.SCHEMA
                    + " TO " + ROLE);
            h.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + TasksDatabase.SCHEMA + " TO " + ROLE);
        });
    }

    @AfterAll
    static void dropRoleAndDatabase() {
        db.jdbi().useHandle(h -> {
            h.execute("DROP OWNED BY " + ROLE);
            h.execute("DROP ROLE " + ROLE);
        });
        db.close();
    }

    private Handle handle;

    @BeforeEach
    void seedAndConnectAsTheRole() {
        db.reset();
        db.jdbi().useHandle(h -> {
            new TaskDao(h, ALICE.id()).insert(titled("alice 1"));
            new TaskDao(h, BOB.id()).insert(titled("bob 1"));
            new TaskDao(h, ALICE.id()).insert(titled("alice 2"));
            h.execute("INSERT INTO tasks (title) VALUES ('no owner')");
        });
        handle = db.jdbi().open();
        handle.execute("SET ROLE " + ROLE);
    }

    @AfterEach
    void closeHandle() {
        handle.close();
    }

    private void actAs(String userId) {
        handle.createQuery("SELECT set_config('app.user_id', :id, false)").bind("id", userId).mapTo(String.class)
                .one();
    }

    private List<String> visibleTitles() {
        return handle.createQuery("SELECT title FROM plugin_tasks.tasks ORDER BY id").mapTo(String.class).list();
    }

    @Test
    void theRoleDoesNotBypassRowLevelSecurity() {
        assertThat(handle.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .mapTo(Boolean.class).one()).isFalse();
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
        assertThat(visibleTitles()).as("app.user_id never set on this connection").isEmpty();

        actAs("");
        assertThat(visibleTitles()).as("app.user_id = '' (outside a request, anonymous)").isEmpty();
    }

    @Test
    void writingARowOwnedBySomeoneElseIsRefused() {
        actAs(ALICE.id().toString());

        assertThatThrownBy(() -> handle.createUpdate("INSERT INTO plugin_tasks.tasks (owner_id, title) "
                + "VALUES (:bob, 'planted')").bind("bob", BOB.id()).execute())
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        assertThatThrownBy(() -> handle.createUpdate("UPDATE plugin_tasks.tasks SET owner_id = :bob")
                .bind("bob", BOB.id()).execute())
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        assertThat(handle.createUpdate("INSERT INTO plugin_tasks.tasks (owner_id, title) VALUES (:alice, 'mine')")
                .bind("alice", ALICE.id()).execute()).isEqualTo(1);
    }

    @Test
    void otherUsersRowsCannotBeUpdatedOrDeleted() {
        actAs(ALICE.id().toString());

        assertThat(handle.execute("UPDATE plugin_tasks.tasks SET title = 'changed' WHERE title = 'bob 1'")).isZero();
        assertThat(handle.execute("DELETE FROM plugin_tasks.tasks WHERE title <> 'alice 1'")).isEqualTo(1);

        actAs(BOB.id().toString());
        assertThat(visibleTitles()).containsExactly("bob 1");
    }
}

package io.metacortex.notes.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.notes.NotesPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.RowLevelSecurityRole;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row-level security policies of V1-V3 on their own: plain SQL with no owner filter, as a role that does not
 * bypass them (the test database's user is a superuser, and superusers always bypass row-level security), with
 * {@code app.user_id} set the way the host sets it on a plugin's connections.
 */
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @RegisterExtension
    static final PluginDatabaseExtension DB =
            PluginDatabaseExtension.of("notes", NotesPlugin.class).withRowLevelSecurityRole();

    private Handle handle;

    @BeforeEach
    void seedAndConnectAsTheRole() {
        NoteService service = new NoteService(DB.jdbi(), new FakeTaskLookup());
        service.create(ALICE.id(), draft("alice 1", "[[alice 2]]"));
        service.create(BOB.id(), draft("bob 1", "[[alice 1]]"));
        service.create(ALICE.id(), draft("alice 2", "[[alice 1]]"));
        handle = DB.role().open();
    }

    private static NoteDraft draft(String title, String body) {
        return new NoteDraft(title, body, List.of(), List.of(), false, false);
    }

    @AfterEach
    void closeHandle() {
        handle.close();
    }

    private void actAs(String userId) {
        RowLevelSecurityRole.actAs(handle, userId);
    }

    private List<String> visible(String sql) {
        return handle.createQuery(sql).mapTo(String.class).list();
    }

    @Test
    void theRoleDoesNotBypassRowLevelSecurity() {
        assertThat(handle.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                        .mapTo(Boolean.class)
                        .one())
                .isFalse();
    }

    @Test
    void aUserSeesOnlyTheirOwnRowsOfEveryTable() {
        actAs(ALICE.id().toString());
        assertThat(visible("SELECT title FROM plugin_notes.notes ORDER BY id")).containsExactly("alice 1", "alice 2");
        assertThat(visible("SELECT target_title FROM plugin_notes.note_links ORDER BY source_id"))
                .containsExactly("alice 2", "alice 1");
        assertThat(visible("SELECT title FROM plugin_notes.note_versions ORDER BY note_id"))
                .containsExactly("alice 1", "alice 2");

        actAs(BOB.id().toString());
        assertThat(visible("SELECT title FROM plugin_notes.notes")).containsExactly("bob 1");
        assertThat(visible("SELECT target_title FROM plugin_notes.note_links")).containsExactly("alice 1");
        assertThat(visible("SELECT title FROM plugin_notes.note_versions")).containsExactly("bob 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes", "note_links", "note_versions"})
    void noUserSeesNoRows(String table) {
        assertThat(visible("SELECT owner_id::text FROM plugin_notes." + table))
                .as("app.user_id never set on this connection")
                .isEmpty();

        actAs("");
        assertThat(visible("SELECT owner_id::text FROM plugin_notes." + table))
                .as("app.user_id = '' (outside a request, anonymous)")
                .isEmpty();
    }

    @Test
    void writingARowOwnedBySomeoneElseIsRefused() {
        actAs(ALICE.id().toString());

        assertRefused(() -> handle.createUpdate(
                        "INSERT INTO plugin_notes.notes (owner_id, title) " + "VALUES (:bob, 'planted')")
                .bind("bob", BOB.id())
                .execute());
        assertRefused(() -> handle.createUpdate("UPDATE plugin_notes.notes SET owner_id = :bob")
                .bind("bob", BOB.id())
                .execute());
        assertRefused(() -> handle.createUpdate("INSERT INTO plugin_notes.note_versions "
                        + "(owner_id, note_id, number, title, body, tags) VALUES (:bob, 1, 9, 't', '', '{}')")
                .bind("bob", BOB.id())
                .execute());
        assertThat(handle.createUpdate("INSERT INTO plugin_notes.notes (owner_id, title) VALUES (:alice, 'mine')")
                        .bind("alice", ALICE.id())
                        .execute())
                .isEqualTo(1);
    }

    @Test
    void otherUsersRowsCannotBeUpdatedOrDeleted() {
        actAs(ALICE.id().toString());

        assertThat(handle.execute("UPDATE plugin_notes.notes SET title = 'changed' WHERE title = 'bob 1'"))
                .isZero();
        assertThat(handle.execute("DELETE FROM plugin_notes.note_links")).isEqualTo(2);
        assertThat(handle.execute("DELETE FROM plugin_notes.notes WHERE title <> 'alice 1'"))
                .isEqualTo(1);

        actAs(BOB.id().toString());
        assertThat(visible("SELECT title FROM plugin_notes.notes")).containsExactly("bob 1");
        assertThat(visible("SELECT target_title FROM plugin_notes.note_links")).containsExactly("alice 1");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable write) {
        assertThatThrownBy(write)
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}

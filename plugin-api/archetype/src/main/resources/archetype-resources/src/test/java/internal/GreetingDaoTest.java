package ${package}.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ${package}.GreetingPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.RowLevelSecurityRole;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DAO and the migration's row-level security against a real PostgreSQL. {@code pluginJdbi} connects as the
 * installed plugin does (its own role, app.user_id set to the acting user); {@code DB.role()} is a role that
 * row-level security restricts, for plain SQL; {@code DB.count} counts as the database's owner, who sees every row.
 */
class GreetingDaoTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB =
            PluginDatabaseExtension.of("${pluginId}", GreetingPlugin.class).withRowLevelSecurityRole();

    private UUID actingUser;
    private final Jdbi jdbi = DB.database().pluginJdbi(() -> actingUser);

    @Test
    void insertsAndFindsByOwner() {
        Greeting hello = as(ALICE.id()).withExtension(GreetingDao.class, dao -> dao.insert(ALICE.id(), "Hello"));

        as(ALICE.id()).useExtension(GreetingDao.class, dao -> {
            assertThat(dao.list(ALICE.id())).containsExactly(hello);
            assertThat(dao.find(ALICE.id(), hello.id())).contains(hello);
        });
        as(BOB.id()).useExtension(GreetingDao.class, dao -> assertThat(dao.find(ALICE.id(), hello.id()))
                .as("the query asks for Alice's row, the database shows Bob none")
                .isEmpty());
    }

    @Test
    void rowLevelSecurityKeepsEachUserToTheirOwnRows() {
        as(ALICE.id()).useExtension(GreetingDao.class, dao -> dao.insert(ALICE.id(), "Alice's"));
        as(BOB.id()).useExtension(GreetingDao.class, dao -> dao.insert(BOB.id(), "Bob's"));

        try (Handle handle = DB.role().open()) {
            RowLevelSecurityRole.actAs(handle, BOB.id().toString());
            // No owner filter: the policy alone hides Alice's row.
            assertThat(handle.createQuery("SELECT text FROM greetings")
                            .mapTo(String.class)
                            .list())
                    .containsExactly("Bob's");
        }
        assertThatThrownBy(() -> as(BOB.id()).useExtension(GreetingDao.class, dao -> dao.insert(ALICE.id(), "forged")))
                .as("a row for another user breaks the policy's WITH CHECK")
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("row-level security");
        assertThat(DB.count("greetings")).isEqualTo(2);
    }

    private Jdbi as(UUID user) {
        actingUser = user;
        return jdbi;
    }
}

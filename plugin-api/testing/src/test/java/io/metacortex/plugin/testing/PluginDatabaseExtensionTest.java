package io.metacortex.plugin.testing;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension against a real PostgreSQL, with the small plugin-like migrations under src/test/resources: one
 * database for the class, emptied before each test, and a role that row-level security applies to. The tests run in
 * order, the second checking that the rows of the first are gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginDatabaseExtensionTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("widgets", PluginDatabaseExtensionTest.class)
            .withRowLevelSecurityRole();

    /** Taken before the database exists. */
    private static final Jdbi EARLY = DB.jdbi();

    private static PluginDatabase databaseOfTheClass;
    private static String roleName;

    @BeforeAll
    static void theDatabaseAndRoleExistBeforeTheClasssOwnSetUp() {
        databaseOfTheClass = DB.database();
        roleName = DB.role().name();
        assertThat(one("SELECT current_schema()", String.class)).isEqualTo("plugin_widgets");
    }

    @AfterAll
    static void theRoleAndDatabaseAreStillThereUntilAfterAll() {
        assertThat(one("SELECT count(*) FROM pg_roles WHERE rolname = '" + roleName + "'", Long.class))
                .isOne();
    }

    @Test
    @Order(1)
    void theJdbiTakenBeforeTheDatabaseExistedWritesToIt() {
        assertThat(DB.database()).isSameAs(databaseOfTheClass);
        EARLY.useHandle(
                h -> h.execute("INSERT INTO widgets (owner_id, name) VALUES (?, 'a'), (?, 'b')", ALICE.id(), BOB.id()));

        assertThat(DB.count("widgets")).isEqualTo(2);
        long maxId = DB.database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT max(id) FROM widgets")
                        .mapTo(Long.class)
                        .one());
        assertThat(maxId).isEqualTo(2);
    }

    @Test
    @Order(2)
    void eachTestStartsFromAnEmptyDatabaseWithIdsFromOne() {
        assertThat(DB.database()).as("one database for the class").isSameAs(databaseOfTheClass);
        assertThat(DB.count("widgets")).as("the first test's rows are gone").isZero();

        DB.jdbi().useHandle(h -> h.execute("INSERT INTO widgets (owner_id, name) VALUES (?, 'c')", ALICE.id()));

        assertThat(one("SELECT id FROM widgets", Long.class))
                .as("ids restart at 1")
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void theRoleIsRestrictedByRowLevelSecurity() {
        DB.jdbi()
                .useHandle(h -> h.execute(
                        "INSERT INTO widgets (owner_id, name) VALUES (?, 'alice''s')," + " (?, 'bob''s')",
                        ALICE.id(),
                        BOB.id()));

        try (Handle handle = DB.role().open()) {
            assertThat(handle.createQuery("SELECT current_user")
                            .mapTo(String.class)
                            .one())
                    .isEqualTo(roleName);
            assertThat(handle.createQuery(
                                    "SELECT rolsuper OR rolbypassrls FROM pg_roles" + " WHERE rolname = current_user")
                            .mapTo(Boolean.class)
                            .one())
                    .isFalse();
            assertThat(names(handle)).as("app.user_id not set").isEmpty();

            RowLevelSecurityRole.actAs(handle, BOB.id().toString());

            assertThat(names(handle)).containsExactly("bob's");
        }
    }

    @Test
    @Order(4)
    void anExtensionWithoutARoleSaysHowToGetOneAndOneOutsideATestClassSaysHowToRegisterIt() {
        PluginDatabaseExtension unregistered = PluginDatabaseExtension.of("widgets", PluginDatabaseExtensionTest.class);

        assertThatThrownBy(unregistered::role)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withRowLevelSecurityRole()");
        assertThatThrownBy(unregistered::database)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
        assertThatThrownBy(() -> unregistered.jdbi().useHandle(h -> h.execute("SELECT 1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }

    private static <T> T one(String sql, Class<T> type) {
        return DB.jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private static List<String> names(Handle handle) {
        return handle.createQuery("SELECT name FROM widgets ORDER BY id")
                .mapTo(String.class)
                .list();
    }
}

package io.metacortex.plugin.testing;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.db.plugin.PluginMigrationException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The harness against a real PostgreSQL, with the small plugin-like migrations under src/test/resources. */
class PluginDatabaseTest {

    private static final MigrationScript WIDGETS =
            new MigrationScript("V1__widgets.sql", "CREATE TABLE widgets (id INT);");

    @Test
    void theMigrationsRunAsThePluginsOwnRoleWhichOwnsTheSchemaAndWhatIsInIt() {
        try (PluginDatabase db = PluginDatabase.create("widgets", PluginDatabaseTest.class)) {
            assertThat(db.role()).isEqualTo("plugin_widgets");
            assertThat(one(
                            db,
                            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'plugin_widgets'",
                            String.class))
                    .isEqualTo("plugin_widgets");
            List<String> tableOwners = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT DISTINCT tableowner"
                                    + " FROM pg_tables WHERE schemaname = 'plugin_widgets'")
                            .mapTo(String.class)
                            .list());
            assertThat(tableOwners).containsExactly("plugin_widgets");
            assertThat(one(
                            db,
                            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles"
                                    + " WHERE rolname = 'plugin_widgets'",
                            Boolean.class))
                    .isFalse();
        }
    }

    /** Statements the plugin's role may not run; a superuser may, so the harness accepted them before. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE TABLE public.outside_the_schema (id INT);|ERROR: permission denied for schema public",
                "SELECT count(*) FROM metacortex.plugin_roles;|ERROR: permission denied for schema metacortex",
                "CREATE ROLE helper_of_the_plugin;|ERROR: permission denied to create role",
                "CREATE EXTENSION IF NOT EXISTS pgcrypto;|ERROR: permission denied to create extension \"pgcrypto\""
            })
    void aMigrationNeedingMoreThanThePluginsRoleFailsAsAtInstall(String statement, String refusal) {
        MigrationScript needsMore = new MigrationScript("V2__needs_more.sql", statement);

        assertThatThrownBy(() -> PluginDatabase.create("widgets", List.of(WIDGETS, needsMore), "latest"))
                .isInstanceOf(PluginMigrationException.class)
                .hasMessage("V2__needs_more.sql failed: " + refusal);
    }

    @Test
    void aMisnamedMigrationIsRefusedAsByTheHost() {
        MigrationScript misnamed = new MigrationScript("v2_lower_case.sql", "SELECT 1;");

        assertThatThrownBy(() -> PluginDatabase.create("widgets", List.of(WIDGETS, misnamed), "latest"))
                .isInstanceOf(PluginMigrationException.class)
                .hasMessage("Plugin widgets has migration files that are not named V<version>__<description>.sql:"
                        + " v2_lower_case.sql");
    }

    @Test
    void aFailingMigrationLeavesTheSchemaAsItWas() {
        MigrationScript fine = new MigrationScript("V2__fine.sql", "ALTER TABLE widgets ADD COLUMN fine INT;");
        MigrationScript broken = new MigrationScript("V3__broken.sql", "ALTER TABLE widgets ADD COLUMN x NOT A TYPE;");
        try (PluginDatabase db = PluginDatabase.create("widgets", List.of(WIDGETS, fine, broken), "1")) {
            assertThatThrownBy(() -> db.migrate("latest"))
                    .isInstanceOf(PluginMigrationException.class)
                    .hasMessageStartingWith("V3__broken.sql failed: ERROR: syntax error");

            assertThat(columns(db)).containsExactly("id");
        }
    }

    @Test
    void thePluginsJdbiConnectsAsItsRoleWithTheUserAsTheHostSetsIt() {
        try (PluginDatabase db = PluginDatabase.create("widgets", PluginDatabaseTest.class)) {
            UUID[] current = {ALICE.id()};
            Jdbi plugin = db.pluginJdbi(() -> current[0]);
            plugin.useHandle(h -> h.execute("INSERT INTO widgets (name) VALUES ('alice''s')"));
            assertThat(text(
                            plugin,
                            "SELECT current_user || ' ' || current_schema() || ' '"
                                    + " || current_setting('app.user_id')"))
                    .isEqualTo("plugin_widgets plugin_widgets " + ALICE.id());
            assertThat(plugin.withHandle(PluginDatabaseTest::names)).containsExactly("alice's");

            current[0] = BOB.id();
            assertThat(plugin.withHandle(PluginDatabaseTest::names))
                    .as("row-level security, as Bob")
                    .isEmpty();
            current[0] = null;
            assertThat(text(plugin, "SELECT current_setting('app.user_id')"))
                    .as("no user: as outside a request")
                    .isEmpty();
            assertThat(plugin.withHandle(PluginDatabaseTest::names)).isEmpty();
            assertThat(one(db, "SELECT owner_id FROM widgets", UUID.class)).isEqualTo(ALICE.id());
        }
    }

    @Test
    void closeDropsTheDatabaseTheSchemaAndThePluginsRole() {
        PluginDatabase db = PluginDatabase.create("widget-box", PluginDatabaseTest.class);
        PluginDatabase other = PluginDatabase.create("widgets", PluginDatabaseTest.class);
        try {
            String name = db.dataSource().getDatabaseName();
            assertThat(one(other, "SELECT count(*) FROM pg_roles WHERE rolname = 'plugin_widget_box'", Long.class))
                    .isOne();

            db.close();

            assertThat(one(other, "SELECT count(*) FROM pg_roles WHERE rolname = 'plugin_widget_box'", Long.class))
                    .isZero();
            assertThat(one(other, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'", Long.class))
                    .isZero();
        } finally {
            other.close();
        }
    }

    @Test
    void theMigrationsAreAppliedToThePluginsSchemaWhichIsTheSearchPath() {
        try (PluginDatabase db = PluginDatabase.create("widget-box", PluginDatabaseTest.class)) {
            assertThat(db.schema()).isEqualTo("plugin_widget_box");
            assertThat(one(db, "SELECT current_schema()", String.class)).isEqualTo("plugin_widget_box");
            assertThat(one(db, "SELECT to_regclass('widgets') IS NOT NULL", Boolean.class))
                    .isTrue();
            assertThat(columns(db)).contains("colour");
        }
    }

    @Test
    void aDatabaseCanStopAtAVersionAndMigrateOnLater() {
        try (PluginDatabase db = PluginDatabase.createAt("widgets", PluginDatabaseTest.class, "1")) {
            assertThat(columns(db)).doesNotContain("colour");

            db.migrate("latest");

            assertThat(columns(db)).contains("colour");
        }
    }

    @Test
    void resetEmptiesTheTablesAndRestartsIds() {
        try (PluginDatabase db = PluginDatabase.create("widgets", PluginDatabaseTest.class)) {
            db.jdbi()
                    .useHandle(h -> h.execute(
                            "INSERT INTO widgets (owner_id, name) VALUES (?, 'a'), (?, 'b')", ALICE.id(), BOB.id()));
            assertThat(db.count("widgets"))
                    .as("the owner sees every user's rows")
                    .isEqualTo(2);
            long history = one(db, "SELECT count(*) FROM flyway_schema_history", Long.class);

            db.reset();

            assertThat(db.count("widgets")).isZero();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO widgets (owner_id, name) VALUES (?, 'c')", ALICE.id()));
            assertThat(one(db, "SELECT id FROM widgets", Long.class))
                    .as("ids restart at 1")
                    .isEqualTo(1);
            assertThat(one(db, "SELECT count(*) FROM flyway_schema_history", Long.class))
                    .as("the migration history stays")
                    .isEqualTo(history)
                    .isPositive();
        }
    }

    @Test
    void theRoleIsRestrictedByRowLevelSecurityAndSeesOnlyTheUserItActsAs() {
        try (PluginDatabase db = PluginDatabase.create("widgets", PluginDatabaseTest.class)) {
            db.jdbi()
                    .useHandle(h -> h.execute(
                            "INSERT INTO widgets (owner_id, name) VALUES (?, 'alice''s')," + " (?, 'bob''s')",
                            ALICE.id(),
                            BOB.id()));
            String name;
            try (RowLevelSecurityRole role = RowLevelSecurityRole.create(db);
                    Handle handle = role.open()) {
                name = role.name();
                assertThat(handle.createQuery("SELECT current_user")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo(role.name());
                assertThat(handle.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles"
                                        + " WHERE rolname = current_user")
                                .mapTo(Boolean.class)
                                .one())
                        .isFalse();
                assertThat(names(handle)).as("app.user_id not set").isEmpty();

                RowLevelSecurityRole.actAs(handle, ALICE.id().toString());
                assertThat(names(handle)).containsExactly("alice's");

                UUID[] current = {BOB.id()};
                List<String> bobs = role.jdbi(() -> current[0]).withHandle(PluginDatabaseTest::names);
                assertThat(bobs).containsExactly("bob's");
            }
            assertThat(one(db, "SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "'", Long.class))
                    .as("the role is dropped")
                    .isZero();
        }
    }

    private static <T> T one(PluginDatabase db, String sql, Class<T> type) {
        try (Handle handle = db.jdbi().open()) {
            return handle.createQuery(sql).mapTo(type).one();
        }
    }

    private static String text(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static List<String> names(Handle handle) {
        return handle.createQuery("SELECT name FROM widgets ORDER BY id")
                .mapTo(String.class)
                .list();
    }

    private static List<String> columns(PluginDatabase db) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT column_name FROM information_schema.columns"
                                + " WHERE table_schema = :s AND table_name = 'widgets'")
                        .bind("s", db.schema())
                        .mapTo(String.class)
                        .list());
    }
}

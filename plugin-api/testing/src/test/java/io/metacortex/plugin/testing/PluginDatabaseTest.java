package io.metacortex.plugin.testing;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** The harness against a real PostgreSQL, with the small plugin-like migrations under src/test/resources. */
class PluginDatabaseTest {

    @Test
    void theMigrationsAreAppliedToThePluginsSchemaWhichIsTheSearchPath() {
        try (PluginDatabase db = PluginDatabase.create("widget-box", PluginDatabaseTest.class)) {
            assertThat(db.schema()).isEqualTo("plugin_widget_box");
            assertThat(one(db, "SELECT current_schema()", String.class)).isEqualTo("plugin_widget_box");
            assertThat(one(db, "SELECT to_regclass('widgets') IS NOT NULL", Boolean.class)).isTrue();
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
            db.jdbi().useHandle(h -> h.execute("INSERT INTO widgets (owner_id, name) VALUES (?, 'a'), (?, 'b')",
                    ALICE.id(), BOB.id()));
            assertThat(db.count("widgets")).as("the owner sees every user's rows").isEqualTo(2);
            long history = one(db, "SELECT count(*) FROM flyway_schema_history", Long.class);

            db.reset();

            assertThat(db.count("widgets")).isZero();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO widgets (owner_id, name) VALUES (?, 'c')", ALICE.id()));
            assertThat(one(db, "SELECT id FROM widgets", Long.class)).as("ids restart at 1").isEqualTo(1);
            assertThat(one(db, "SELECT count(*) FROM flyway_schema_history", Long.class))
                    .as("the migration history stays").isEqualTo(history).isPositive();
        }
    }

    @Test
    void theRoleIsRestrictedByRowLevelSecurityAndSeesOnlyTheUserItActsAs() {
        try (PluginDatabase db = PluginDatabase.create("widgets", PluginDatabaseTest.class)) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO widgets (owner_id, name) VALUES (?, 'alice''s'),"
                    + " (?, 'bob''s')", ALICE.id(), BOB.id()));
            String name;
            try (RowLevelSecurityRole role = RowLevelSecurityRole.create(db); Handle handle = role.open()) {
                name = role.name();
                assertThat(handle.createQuery("SELECT current_user").mapTo(String.class).one()).isEqualTo(role.name());
                assertThat(handle.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles"
                        + " WHERE rolname = current_user").mapTo(Boolean.class).one()).isFalse();
                assertThat(names(handle)).as("app.user_id not set").isEmpty();

                RowLevelSecurityRole.actAs(handle, ALICE.id().toString());
                assertThat(names(handle)).containsExactly("alice's");

                UUID[] current = {BOB.id()};
                List<String> bobs = role.jdbi(() -> current[0]).withHandle(PluginDatabaseTest::names);
                assertThat(bobs).containsExactly("bob's");
            }
            assertThat(one(db, "SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "'", Long.class))
                    .as("the role is dropped").isZero();
        }
    }

    private static <T> T one(PluginDatabase db, String sql, Class<T> type) {
        try (Handle handle = db.jdbi().open()) {
            return handle.createQuery(sql).mapTo(type).one();
        }
    }

    private static List<String> names(Handle handle) {
        return handle.createQuery("SELECT name FROM widgets ORDER BY id").mapTo(String.class).list();
    }

    private static List<String> columns(PluginDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = :s AND table_name = 'widgets'").bind("s", db.schema()).mapTo(String.class)
                .list());
    }
}

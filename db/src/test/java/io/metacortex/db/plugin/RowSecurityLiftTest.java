package io.metacortex.db.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.HostSchema;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Data migrations run as the plugin's role, which owns its tables and is bound by their FORCE ROW LEVEL SECURITY,
 * with no user set: they still see and change every row, and the policies are in force again afterwards.
 */
class RowSecurityLiftTest {

    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final MigrationScript V1 = new MigrationScript("V1__items.sql", """
            CREATE TABLE items (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner_id UUID NOT NULL,
                                label TEXT NOT NULL);
            ALTER TABLE items ENABLE ROW LEVEL SECURITY;
            ALTER TABLE items FORCE ROW LEVEL SECURITY;
            CREATE POLICY items_owner ON items
                USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
            """);
    /** As tasks' V4 and V5: a new column filled from every row, then required; a copy into a new table. */
    private static final MigrationScript V2 = new MigrationScript("V2__upper_labels.sql", """
            ALTER TABLE items ADD COLUMN shout TEXT;
            UPDATE items SET shout = upper(label);
            ALTER TABLE items ALTER COLUMN shout SET NOT NULL;
            CREATE TABLE labels (owner_id UUID NOT NULL, label TEXT NOT NULL);
            INSERT INTO labels SELECT owner_id, label FROM items;
            ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
            ALTER TABLE labels FORCE ROW LEVEL SECURITY;
            """);

    private static final MigrationScript V3_BROKEN = new MigrationScript("V3__broken.sql", "SELEC 1;");

    private final TestDatabase database = TestPostgres.createDatabase();
    private final DataSource owner = database.dataSource();
    private final String pluginId = "lift-" + UUID.randomUUID().toString().substring(0, 8);
    private final String schema = PluginSchema.schemaName(pluginId);
    private final DataSource asPlugin;

    RowSecurityLiftTest() {
        HostSchema.migrate(owner);
        PluginRole.Credentials credentials = PluginRole.ensure(owner, pluginId);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(credentials.user());
        dataSource.setPassword(credentials.password());
        asPlugin = dataSource;
    }

    @AfterEach
    void dropAll() {
        PluginSchema.drop(owner, pluginId);
        PluginRole.drop(owner, pluginId);
        database.close();
    }

    @Test
    void aDataMigrationSeesEveryUsersRowsAndTheTablesAreForcedAgainAfterIt() throws SQLException {
        PluginMigrator.migrate(asPlugin, pluginId, List.of(V1));
        insertItems();

        assertThat(PluginMigrator.migrate(asPlugin, pluginId, List.of(V1, V2)).appliedVersions())
                .containsExactly("2");

        assertThat(query(owner, "SELECT shout FROM " + schema + ".items ORDER BY id"))
                .containsExactly("A", "B");
        assertThat(query(owner, "SELECT label FROM " + schema + ".labels ORDER BY label"))
                .containsExactly("a", "b");
        assertThat(query(
                        owner,
                        "SELECT relname || ' ' || relforcerowsecurity FROM pg_class c JOIN pg_namespace n"
                                + " ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' AND relkind = 'r'"
                                + " AND relname <> 'flyway_schema_history' ORDER BY 1"))
                .containsExactly("items true", "labels true");
        assertThat(query(asPlugin, "SELECT label FROM items"))
                .as("no user, no rows: the policy holds again")
                .isEmpty();
    }

    @Test
    void aFailingMigrationLeavesForceAndTheRowsAsTheyWere() throws SQLException {
        PluginMigrator.migrate(asPlugin, pluginId, List.of(V1));
        insertItems();

        assertThatThrownBy(() -> PluginMigrator.migrate(asPlugin, pluginId, List.of(V1, V2, V3_BROKEN)))
                .isInstanceOf(PluginMigrationException.class)
                .hasMessageStartingWith("V3__broken.sql failed");

        assertThat(query(
                        owner,
                        "SELECT relforcerowsecurity::text FROM pg_class WHERE oid = '" + schema + ".items'::regclass"))
                .containsExactly("true");
        assertThat(query(
                        owner,
                        "SELECT count(*)::text FROM information_schema.columns WHERE table_schema = '" + schema
                                + "' AND column_name = 'shout'"))
                .containsExactly("0");
        assertThat(PluginMigrator.appliedVersions(asPlugin, pluginId)).containsExactly("1");
    }

    private void insertItems() throws SQLException {
        try (Connection c = owner.getConnection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + schema + ".items (owner_id, label) VALUES ('" + ALICE + "', 'a'), ('" + BOB
                    + "', 'b')");
        }
    }

    private static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}

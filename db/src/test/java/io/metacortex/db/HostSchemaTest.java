package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostSchemaTest {

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void createsTheHostTablesAndItsHistoryInSchemaMetacortex() throws Exception {
        HostSchema.migrate(database.dataSource());

        // Other migrations add tables of their own; these are the ones this test knows.
        assertThat(tablesIn("metacortex"))
                .contains(
                        "plugins",
                        "plugin_bundles",
                        "users",
                        "access_tokens",
                        "user_modules",
                        "audit_log",
                        "plugin_secrets",
                        "plugin_roles",
                        "flyway_schema_history");
        assertThat(tablesIn("public")).isEmpty();
    }

    @Test
    void migratingTwiceChangesNothing() throws Exception {
        HostSchema.migrate(database.dataSource());
        HostSchema.migrate(database.dataSource());

        try (Connection c = database.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM metacortex.flyway_schema_history " + "WHERE version = '1' AND success")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void pluginStateIsRestrictedToKnownValues() throws Exception {
        HostSchema.migrate(database.dataSource());

        try (Connection c = database.connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO metacortex.plugins (id, name, version, state, installed_at, updated_at) "
                    + "VALUES ('tasks', 'Tasks', '1.0.0', 'ACTIVE', now(), now())");
            assertThatThrownBy(() -> st.execute("UPDATE metacortex.plugins SET state = 'BROKEN'"))
                    .hasMessageContaining("plugins_state_check");
        }
    }

    private List<String> tablesIn(String schema) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = database.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}

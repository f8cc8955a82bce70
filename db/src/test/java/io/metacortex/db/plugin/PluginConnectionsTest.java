package io.metacortex.db.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginConnectionsTest {

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aConnectionCarriesTheUserAndItsSetUp() throws SQLException {
        String user = UUID.randomUUID().toString();
        try (Connection c = database.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA plugin_task_board");
        }
        try (Connection c =
                PluginConnections.open(database.dataSource(), PluginConnections.inSchemaOf("task-board"), user)) {
            assertThat(one(c, "SELECT current_setting('app.user_id')")).isEqualTo(user);
            assertThat(c.getSchema()).isEqualTo("plugin_task_board");
        }
        try (Connection c = PluginConnections.open(database.dataSource(), PluginConnections.Setup.NONE, "")) {
            assertThat(one(c, "SELECT current_setting('app.user_id')"))
                    .as("outside a request")
                    .isEmpty();
            assertThat(one(c, "SELECT current_schema()")).isEqualTo("public");
        }
    }

    @Test
    void aFailingSetUpClosesTheConnectionAndReportsTheFailure() {
        Connection[] opened = new Connection[1];
        SQLException failure = new SQLException("set-up failed");

        assertThatThrownBy(() -> PluginConnections.open(
                        database.dataSource(),
                        connection -> {
                            opened[0] = connection;
                            throw failure;
                        },
                        ""))
                .isSameAs(failure);
        assertThat(opened[0]).isNotNull();
        assertThatThrownBy(() -> opened[0].createStatement())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("closed");
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

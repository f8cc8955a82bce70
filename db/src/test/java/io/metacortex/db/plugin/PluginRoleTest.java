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
 * The plugin's own database role, against a real PostgreSQL. Roles belong to the whole server, which other builds
 * may share: each test uses a plugin id of its own and drops what it created.
 */
class PluginRoleTest {

    private final TestDatabase database = TestPostgres.createDatabase();
    private final DataSource host = database.dataSource();
    private final String pluginId = "role-" + UUID.randomUUID().toString().substring(0, 8);
    private final String role = PluginSchema.schemaName(pluginId);
    private final List<String> extraRoles = new ArrayList<>();

    PluginRoleTest() {
        HostSchema.migrate(host);
    }

    @AfterEach
    void dropDatabaseAndRoles() throws SQLException {
        database.close();
        // Roles outlive the database: dropped through the server's own database.
        execute(adminDataSource(), "DROP ROLE IF EXISTS \"" + role + "\"");
        for (String extra : extraRoles) {
            execute(adminDataSource(), "DROP ROLE IF EXISTS \"" + extra + "\"");
        }
    }

    @Test
    void ensureCreatesALoginRoleThatOwnsTheSchemaAndNothingMore() throws SQLException {
        PluginRole.Credentials credentials = PluginRole.ensure(host, pluginId);

        assertThat(credentials.user()).isEqualTo(role);
        assertThat(credentials.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(text("SELECT concat_ws(',', rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication,"
                        + " rolbypassrls, rolpassword LIKE 'SCRAM-SHA-256$%') FROM pg_authid WHERE rolname = '" + role
                        + "'"))
                .isEqualTo("t,f,f,f,f,f,t");
        assertThat(text("SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting s"
                        + " JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = '" + role + "'"))
                .isEqualTo("search_path=" + role);
        assertThat(text("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = '" + role + "'"))
                .isEqualTo(role);
        assertThat(text("SELECT role_name || ' ' || password FROM metacortex.plugin_roles WHERE plugin_id = '"
                        + pluginId + "'"))
                .isEqualTo(role + " " + credentials.password());
        try (Connection c = asRole(credentials).getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE mine (id INT)");
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM metacortex.plugin_roles"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void ensureAgainKeepsThePasswordAndHandsOverWhatOthersCreatedInTheSchema() throws SQLException {
        PluginRole.Credentials first = PluginRole.ensure(host, pluginId);
        // As a schema migrated before plugins had roles: its objects belong to the host's user.
        execute(host, "CREATE TABLE \"" + role + "\".items (id BIGINT GENERATED ALWAYS AS IDENTITY, n INT)");
        execute(host, "CREATE SEQUENCE \"" + role + "\".numbers");
        execute(host, "CREATE VIEW \"" + role + "\".big_items AS SELECT * FROM \"" + role + "\".items WHERE n > 9");
        execute(host, "ALTER SCHEMA \"" + role + "\" OWNER TO current_user");

        PluginRole.Credentials second = PluginRole.ensure(host, pluginId);

        assertThat(second).isEqualTo(first);
        assertThat(text("SELECT string_agg(c.relname || '=' || c.relowner::regrole::text, ',' ORDER BY c.relname)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + role
                        + "'"
                        + " AND c.relkind IN ('r', 'S', 'v')"))
                .isEqualTo("big_items=" + role + ",items=" + role + ",items_id_seq=" + role + ",numbers=" + role);
        assertThat(text("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = '" + role + "'"))
                .isEqualTo(role);
        assertThat(text("SELECT count(*) FROM metacortex.plugin_roles WHERE plugin_id = '" + pluginId + "'"))
                .isEqualTo("1");
    }

    @Test
    void aRoleLeftByAnotherDatabaseGetsThisDatabasesPassword() throws SQLException {
        execute(host, "CREATE ROLE \"" + role + "\" LOGIN SUPERUSER");

        PluginRole.Credentials credentials = PluginRole.ensure(host, pluginId);

        assertThat(text("SELECT rolsuper FROM pg_roles WHERE rolname = '" + role + "'"))
                .isEqualTo("f");
        assertThat(text("SELECT password FROM metacortex.plugin_roles WHERE plugin_id = '" + pluginId + "'"))
                .isEqualTo(credentials.password());
    }

    @Test
    void dropRemovesTheRoleAndForgetsItsPasswordAndMayRunTwice() throws SQLException {
        PluginRole.ensure(host, pluginId);
        PluginSchema.drop(host, pluginId);

        PluginRole.drop(host, pluginId);

        assertThat(text("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"))
                .isEqualTo("0");
        assertThat(text("SELECT count(*) FROM metacortex.plugin_roles WHERE plugin_id = '" + pluginId + "'"))
                .isEqualTo("0");
        PluginRole.drop(host, pluginId);
    }

    @Test
    void dropKeepsARoleThatAnotherDatabaseStillUsesButForgetsItHere() throws SQLException {
        PluginRole.ensure(host, pluginId);
        PluginSchema.drop(host, pluginId);
        try (TestDatabase other = TestPostgres.createDatabase()) {
            execute(other.dataSource(), "CREATE SCHEMA elsewhere AUTHORIZATION \"" + role + "\"");

            PluginRole.drop(host, pluginId);

            assertThat(text("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"))
                    .isEqualTo("1");
            assertThat(text("SELECT count(*) FROM metacortex.plugin_roles WHERE plugin_id = '" + pluginId + "'"))
                    .isEqualTo("0");
            execute(other.dataSource(), "DROP SCHEMA elsewhere");
        }
    }

    @Test
    void canManageRolesOnlyWithSuperuserOrCreateRole() throws SQLException {
        PluginRole.Credentials plugin = PluginRole.ensure(host, pluginId);
        String creator =
                "creator_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        extraRoles.add(creator);
        execute(host, "CREATE ROLE " + creator + " LOGIN CREATEROLE PASSWORD 'creator'");

        assertThat(PluginRole.canManageRoles(host))
                .as("the test database's superuser")
                .isTrue();
        assertThat(PluginRole.canManageRoles(asRole(plugin)))
                .as("a plugin's role")
                .isFalse();
        assertThat(PluginRole.canManageRoles(asRole(new PluginRole.Credentials(creator, "creator"))))
                .isTrue();
    }

    @Test
    void failuresNameThePlugin() {
        assertThatThrownBy(() -> PluginRole.ensure(host, "Not An Id")).isInstanceOf(IllegalArgumentException.class);
        try (TestDatabase bare = TestPostgres.createDatabase()) {
            assertThatThrownBy(() -> PluginRole.ensure(bare.dataSource(), pluginId))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Could not set up the database role of plugin " + pluginId + ":");
            assertThatThrownBy(() -> PluginRole.drop(bare.dataSource(), pluginId))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Could not drop the database role of plugin " + pluginId + ":");
        }
    }

    private DataSource asRole(PluginRole.Credentials credentials) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(credentials.user());
        dataSource.setPassword(credentials.password());
        return dataSource;
    }

    private DataSource adminDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestPostgres.describe());
        dataSource.setUser(database.user());
        return dataSource;
    }

    private String text(String sql) throws SQLException {
        try (Connection c = host.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

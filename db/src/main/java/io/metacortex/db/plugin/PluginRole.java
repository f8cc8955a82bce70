package io.metacortex.db.plugin;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.util.PasswordUtil;

/**
 * The PostgreSQL role a plugin's database work runs as: {@code plugin_<id>}, a login role that owns the plugin's
 * schema and nothing else. It cannot read the host's schema or another plugin's, whatever SQL the plugin writes.
 * Its password is generated once and kept in {@code metacortex.plugin_roles}, which only the host can read; the
 * server receives only its SCRAM verifier, so that a role logs in with the password (SCRAM-SHA-256) whatever the
 * server's {@code password_encryption}.
 */
public final class PluginRole {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginRole.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How to connect as a plugin's role. */
    public record Credentials(String user, String password) {}

    private PluginRole() {}

    /** @return whether the host's database user may create roles (superuser or CREATEROLE) */
    public static boolean canManageRoles(DataSource host) {
        try (Connection c = host.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT rolsuper OR rolcreaterole FROM pg_roles" + " WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database user's privileges: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the plugin's role and schema if they are missing, makes the role the owner of the schema and of
     * everything in it (schemas migrated before roles existed belonged to the host's user), and returns how to
     * connect as it. Runs in one transaction.
     */
    public static Credentials ensure(DataSource host, String pluginId) {
        String role = PluginSchema.schemaName(pluginId);
        try (Connection c = host.getConnection()) {
            c.setAutoCommit(false);
            try {
                String password = storedPassword(c, pluginId);
                if (password == null) {
                    password = newPassword();
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO metacortex.plugin_roles"
                            + " (plugin_id, role_name, password, created_at) VALUES (?, ?, ?, now())")) {
                        st.setString(1, pluginId);
                        st.setString(2, role);
                        st.setString(3, password);
                        st.executeUpdate();
                    }
                }
                try (Statement st = c.createStatement()) {
                    // Serialise concurrent creations of the same role (two hosts, or a retry).
                    st.execute("SELECT pg_advisory_xact_lock(hashtext('metacortex.plugin_role." + role + "'))");
                    boolean exists;
                    try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                        exists = rs.next();
                    }
                    // The SCRAM verifier, computed here: the password never reaches the server, nor its log when a
                    // statement fails.
                    String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
                    st.execute((exists ? "ALTER ROLE \"" + role + "\" WITH" : "CREATE ROLE \"" + role + "\"")
                            + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
                            + " PASSWORD '" + verifier + "'");
                    st.execute("ALTER ROLE \"" + role + "\" SET search_path = \"" + role + "\"");
                    // The host's user must be a member to hand objects over to the role (needed without superuser).
                    st.execute("GRANT \"" + role + "\" TO current_user");
                    st.execute("CREATE SCHEMA IF NOT EXISTS \"" + role + "\" AUTHORIZATION \"" + role + "\"");
                    st.execute("ALTER SCHEMA \"" + role + "\" OWNER TO \"" + role + "\"");
                    for (String object : objectsIn(c, role)) {
                        st.execute("ALTER " + object + " OWNER TO \"" + role + "\"");
                    }
                }
                c.commit();
                return new Credentials(role, password);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                // The connection goes back to a pool whose other users expect auto-commit.
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not set up the database role of plugin " + pluginId + ": " + e.getMessage(), e);
        }
    }

    /** Drops the plugin's role (after its schema was dropped) and forgets its password. */
    public static void drop(DataSource host, String pluginId) {
        String role = PluginSchema.schemaName(pluginId);
        try (Connection c = host.getConnection();
                Statement st = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                exists = rs.next();
            }
            if (exists) {
                dropRole(st, role);
            }
            st.execute("DELETE FROM metacortex.plugin_roles WHERE plugin_id = '" + pluginId.replace("'", "") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not drop the database role of plugin " + pluginId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the role, whose schema is gone already. Roles are shared by the whole server: another database may
     * still hold objects of this one (then it is kept), and concurrent catalogue changes elsewhere on the server
     * can make PostgreSQL pick this statement as a deadlock victim (then it is retried).
     */
    private static void dropRole(Statement st, String role) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                st.execute("DROP ROLE \"" + role + "\"");
                return;
            } catch (SQLException e) {
                if ("2BP01".equals(e.getSQLState())) {
                    LOG.warn("Kept the role {}: objects in another database of this server still belong to it", role);
                    return;
                }
                if (!"40P01".equals(e.getSQLState()) || attempt == 3) {
                    throw e;
                }
                LOG.warn("Dropping the role {} was chosen as a deadlock victim; trying again", role);
            }
        }
    }

    private static String storedPassword(Connection c, String pluginId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT password FROM metacortex.plugin_roles" + " WHERE plugin_id = ? FOR UPDATE")) {
            st.setString(1, pluginId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** @return {@code TABLE "s"."t"}, {@code SEQUENCE ...}, {@code VIEW ...} for every relation in the schema */
    private static List<String> objectsIn(Connection c, String schema) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT CASE k.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                      ELSE 'TABLE' END || ' "' || n.nspname || '"."' || k.relname || '"'
                FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ? AND k.relkind IN ('r', 'p', 'S', 'v', 'm')
                  AND NOT (k.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = k.oid AND d.deptype IN ('a', 'i')))
                """)) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                List<String> objects = new java.util.ArrayList<>();
                while (rs.next()) {
                    objects.add(rs.getString(1));
                }
                return objects;
            }
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

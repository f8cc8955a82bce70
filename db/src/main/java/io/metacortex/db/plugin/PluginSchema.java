package io.metacortex.db.plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The schema that holds one plugin's tables: {@code plugin_<id>}, with {@code -} in the id turned into {@code _}. */
public final class PluginSchema {

    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    private PluginSchema() {}

    /**
     * @param pluginId a plugin id: a lower-case letter, then 1 to 31 lower-case letters, digits or {@code -}
     * @return the plugin's schema name, e.g. {@code plugin_task_board} for {@code task-board}
     * @throws IllegalArgumentException if the id does not match that pattern
     */
    public static String schemaName(String pluginId) {
        if (pluginId == null || !PLUGIN_ID.matcher(pluginId).matches()) {
            throw new IllegalArgumentException("Not a plugin id: '" + pluginId
                    + "' (expected a lower-case letter, then 1 to 31 lower-case letters, digits or '-')");
        }
        return "plugin_" + pluginId.replace('-', '_');
    }

    /** @return whether the plugin's schema exists */
    public static boolean exists(DataSource dataSource, String pluginId) {
        return exists(dataSource, pluginId, "SELECT 1 FROM pg_namespace WHERE nspname = ?");
    }

    /** @return whether the plugin's schema has a migration history */
    static boolean hasHistory(DataSource dataSource, String pluginId) {
        return exists(
                dataSource,
                pluginId,
                "SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = '" + PluginMigrator.HISTORY_TABLE + "'");
    }

    /** Drops the plugin's schema with everything in it, if it exists. */
    public static void drop(DataSource dataSource, String pluginId) {
        execute(dataSource, "DROP SCHEMA IF EXISTS \"" + schemaName(pluginId) + "\" CASCADE");
    }

    static void dropHistory(DataSource dataSource, String pluginId) {
        execute(dataSource, "DROP TABLE IF EXISTS \"" + schemaName(pluginId) + "\"." + PluginMigrator.HISTORY_TABLE);
    }

    private static boolean exists(DataSource dataSource, String pluginId, String query) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(query)) {
            st.setString(1, schemaName(pluginId));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up the schema of plugin " + pluginId, e);
        }
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql, e);
        }
    }
}

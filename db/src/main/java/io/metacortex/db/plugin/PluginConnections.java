package io.metacortex.db.plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connections a plugin's code is handed: each carries the user the work is done for as {@value #USER_SETTING},
 * which row-level security policies read with {@code current_setting('app.user_id', true)}. The host and the plugin
 * test kit both open them here, so that a plugin is tested with the connections it gets when installed.
 */
public final class PluginConnections {

    /** The setting naming the user a plugin's connection works for: a user id, or empty outside a user's request. */
    public static final String USER_SETTING = "app.user_id";

    /** What is done to a connection before it is handed out, e.g. setting its schema. */
    @FunctionalInterface
    public interface Setup {

        /** No set-up: the connection's role sets its search path. */
        Setup NONE = connection -> {};

        void apply(Connection connection) throws SQLException;
    }

    private PluginConnections() {}

    /**
     * @return a connection of {@code dataSource}, set up, with {@value #USER_SETTING} set to {@code userId}
     * @param userId a user's id, or the empty string outside a user's request (policies then match no user)
     */
    public static Connection open(DataSource dataSource, Setup setup, String userId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement user =
                connection.prepareStatement("SELECT set_config('" + USER_SETTING + "', ?, false)")) {
            setup.apply(connection);
            user.setString(1, userId);
            user.execute();
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * @return the set-up of a plugin's connections where the database user may not create roles and plugins share
     *     the host's user: the plugin's schema as the search path
     */
    public static Setup inSchemaOf(String pluginId) {
        String schema = PluginSchema.schemaName(pluginId);
        return connection -> connection.setSchema(schema);
    }
}

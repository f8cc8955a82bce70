package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.metacortex.db.plugin.PluginConnections;
import io.metacortex.db.plugin.PluginRole;
import io.metacortex.host.identity.RequestUser;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections for plugins. Each loaded plugin version gets a small pool that logs in as the plugin's own role
 * ({@link PluginRole}): it owns the plugin's schema and can reach nothing else. Every connection a plugin's Jdbi
 * hands out carries the current request's user as {@code app.user_id}. Where the host's database user may not
 * create roles, plugins share the host's pool with only their search path set, and a warning says so.
 */
public final class PluginDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDatabases.class);
    private static final int POOL_SIZE = 8;

    private final DataSource host;
    private final String url;
    private final boolean roles;

    public PluginDatabases(DataSource host, String url, boolean rolesWanted) {
        this.host = host;
        this.url = url;
        this.roles = rolesWanted && PluginRole.canManageRoles(host);
        if (rolesWanted && !roles) {
            LOG.warn("The database user may not create roles, so plugins run as the host's user and are not kept"
                    + " out of each other's schemas. Grant it CREATEROLE to isolate them.");
        }
    }

    /** A plugin version's connections; close it when the version is unloaded. */
    public interface PluginDatabase extends AutoCloseable {

        DataSource dataSource();

        Jdbi jdbi();

        @Override
        void close();
    }

    PluginDatabase open(String pluginId) {
        if (!roles) {
            return database(host, () -> {}, PluginConnections.inSchemaOf(pluginId));
        }
        PluginRole.Credentials credentials = PluginRole.ensure(host, pluginId);
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(url);
        factory.setUser(credentials.user());
        factory.setPassword(credentials.password());
        factory.setMinSize(0);
        factory.setInitialSize(0);
        factory.setMaxSize(POOL_SIZE);
        factory.setValidationQuery("/* MetaCortex plugin health check */ SELECT 1");
        factory.setProperties(Map.of("ApplicationName", "metacortex plugin " + pluginId));
        ManagedDataSource pool = factory.build(new MetricRegistry(), "plugin-" + pluginId);
        return database(
                pool,
                () -> {
                    try {
                        pool.stop();
                    } catch (Exception e) {
                        LOG.warn("Could not close the connection pool of plugin {}: {}", pluginId, e.getMessage());
                    }
                },
                PluginConnections.Setup.NONE);
    }

    /** Drops the plugin's role, once its schema is gone. */
    void dropRole(String pluginId) {
        if (roles) {
            PluginRole.drop(host, pluginId);
        }
    }

    private static PluginDatabase database(DataSource dataSource, Runnable close, PluginConnections.Setup setup) {
        Jdbi jdbi = Jdbi.create(() -> PluginConnections.open(dataSource, setup, RequestUser.currentId()))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
        return new PluginDatabase() {
            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public Jdbi jdbi() {
                return jdbi;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}

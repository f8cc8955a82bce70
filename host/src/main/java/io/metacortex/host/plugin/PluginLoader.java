package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.metacortex.db.plugin.PluginMigrationException;
import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.felix.UnresolvedBundleException;
import io.metacortex.host.openapi.PluginApi;
import io.metacortex.host.openapi.PluginApiReader;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRoute;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginManifest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one plugin version up (install in Felix, resolve, migrate its schema, start it, build its Jersey
 * container, describe its API) and down again. A failed load releases whatever it had acquired; a new schema it created is dropped.
 */
final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final AtomicLong LOCATIONS = new AtomicLong();

    private final FelixRuntime felix;
    private final DataSource dataSource;
    private final PluginContainerFactory containers;
    private final HealthCheckRegistry healthChecks;
    private final MetricRegistry metrics;
    private final Map<String, Map<String, String>> settings;
    private final Duration drainTimeout;
    private final PluginServices services;

    PluginLoader(FelixRuntime felix, DataSource dataSource, PluginContainerFactory containers,
            HealthCheckRegistry healthChecks, MetricRegistry metrics, Map<String, Map<String, String>> settings,
            Duration drainTimeout, PluginServices services) {
        this.services = services;
        this.felix = felix;
        this.dataSource = dataSource;
        this.containers = containers;
        this.healthChecks = healthChecks;
        this.metrics = metrics;
        this.settings = settings;
        this.drainTimeout = drainTimeout;
    }

    /**
     * @param accepted the permissions the admin accepted for this plugin; a version declaring any other is
     *     refused before anything is installed, so a loaded version is granted exactly what it declared
     */
    LoadedPlugin load(PluginBundle bundle, Permissions accepted) throws PluginLoadException {
        Permissions refused = bundle.permissions().notCoveredBy(accepted);
        if (!refused.isEmpty()) {
            throw new PluginLoadException(PermissionsNotAcceptedException.ERROR, "Plugin " + bundle.id() + " "
                    + bundle.version() + " needs " + String.join(", ", refused.labels())
                    + ", which the admin has not accepted; accept with POST /admin/plugins/" + bundle.id()
                    + "/enable?accept=" + String.join(",", refused.labels()) + ".", List.of(), null);
        }
        Permissions granted = bundle.permissions().grantedBy(accepted);
        Bundle osgiBundle = install(bundle);
        boolean schemaExisted = PluginSchema.exists(dataSource, bundle.id());
        List<String> applied = List.of();
        HostPluginContext context = null;
        try {
            Plugin plugin = instantiate(osgiBundle, bundle);
            applied = migrate(bundle);
            osgiBundle.start();
            context = new HostPluginContext(bundle, granted, jdbiFor(bundle.id()), healthChecks, metrics,
                    settings.getOrDefault(bundle.id(), Map.of()), services);
            start(plugin, context, applied);
            List<Object> components = context.seal();
            PluginRoute route = containers.create(bundle.id(), bundle.version().toString(), components);
            PluginApi api = PluginApiReader.read(bundle.id(), bundle.name(), bundle.version().toString(),
                    bundle.description(), components);
            LOG.info("Loaded plugin {} {} (migrations applied now: {})", bundle.id(), bundle.version(), applied);
            return new LoadedPlugin(bundle, osgiBundle, plugin, context, route, api);
        } catch (PluginLoadException | RuntimeException | BundleException | jakarta.servlet.ServletException e) {
            if (context != null) {
                context.release();
            }
            felix.uninstall(osgiBundle);
            if (!schemaExisted) {
                PluginSchema.drop(dataSource, bundle.id());
            }
            if (e instanceof PluginLoadException load) {
                throw load;
            }
            throw new PluginLoadException("plugin failed to load", "Plugin " + bundle.id() + " "
                    + bundle.version() + " could not be loaded: " + e.getMessage(), applied, e);
        }
    }

    /** Stops routing to nothing: withdraws nothing itself; drains the given route, stops and uninstalls. */
    void unload(LoadedPlugin loaded) {
        if (!loaded.route().closeAndDrain(drainTimeout)) {
            LOG.warn("Plugin {} {} still had requests in flight after {}; stopping it anyway",
                    loaded.bundle().id(), loaded.version(), drainTimeout);
        }
        try {
            loaded.plugin().stop();
        } catch (Exception e) {
            LOG.warn("Plugin {} {} failed to stop cleanly: {}", loaded.bundle().id(), loaded.version(),
                    e.getMessage(), e);
        }
        loaded.context().release();
        felix.uninstall(loaded.osgiBundle());
        LOG.info("Unloaded plugin {} {}", loaded.bundle().id(), loaded.version());
    }

    private Bundle install(PluginBundle bundle) throws PluginLoadException {
        String location = "metacortex:" + bundle.id() + ":" + bundle.version() + ":"
                + bundle.sha256().substring(0, 12) + ":" + LOCATIONS.incrementAndGet();
        try {
            return felix.installAndResolve(location, bundle.bytes());
        } catch (UnresolvedBundleException e) {
            throw new PluginLoadException("plugin cannot be resolved", "Plugin " + bundle.id() + " "
                    + bundle.version() + " cannot run on this host: " + e.getMessage() + ".", List.of(), e);
        } catch (BundleException e) {
            throw new PluginLoadException("invalid bundle", "Apache Felix refused the bundle: " + e.getMessage(),
                    List.of(), e);
        }
    }

    private static Plugin instantiate(Bundle osgiBundle, PluginBundle bundle) throws PluginLoadException {
        try {
            Class<?> type = osgiBundle.loadClass(bundle.pluginClass());
            if (!Plugin.class.isAssignableFrom(type)) {
                throw new PluginLoadException("invalid plugin class", PluginManifest.PLUGIN_CLASS + " "
                        + bundle.pluginClass() + " does not implement " + Plugin.class.getName() + ".",
                        List.of(), null);
            }
            return (Plugin) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new PluginLoadException("invalid plugin class", PluginManifest.PLUGIN_CLASS + " "
                    + bundle.pluginClass() + " is not in the bundle.", List.of(), e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginLoadException("invalid plugin class", "Cannot create " + bundle.pluginClass()
                    + " through a public no-argument constructor: " + e, List.of(), e);
        }
    }

    private List<String> migrate(PluginBundle bundle) throws PluginLoadException {
        try {
            return PluginMigrator.migrate(dataSource, bundle.id(), bundle.migrations()).appliedVersions();
        } catch (PluginMigrationException e) {
            throw new PluginLoadException("migration failed", e.getMessage(), List.of(), e);
        }
    }

    private static void start(Plugin plugin, HostPluginContext context, List<String> applied)
            throws PluginLoadException {
        try {
            plugin.start(context);
        } catch (Exception | LinkageError e) {
            throw new PluginLoadException("plugin failed to start", "Plugin " + context.pluginId() + " "
                    + context.version() + " threw from start(): " + e.getMessage(), applied, e);
        }
    }

    /** A Jdbi whose connections use the plugin's schema. */
    private Jdbi jdbiFor(String pluginId) {
        String schema = PluginSchema.schemaName(pluginId);
        return Jdbi.create(() -> {
            Connection connection = dataSource.getConnection();
            try {
                connection.setSchema(schema);
                return connection;
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }
}

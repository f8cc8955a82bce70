package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.google.common.base.Suppliers;
import io.metacortex.db.plugin.PluginMigrationException;
import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.executor.PluginExecutor;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.felix.UnresolvedBundleException;
import io.metacortex.host.jobs.JobHost;
import io.metacortex.host.jobs.PluginJobs;
import io.metacortex.host.openapi.PluginApi;
import io.metacortex.host.openapi.PluginApiReader;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRoute;
import io.metacortex.host.threads.ContextClassLoader;
import io.metacortex.host.threads.LeftoverThreads;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginManifest;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
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
    private final PluginDatabases databases;
    private final JobHost jobs;
    private final int threadsPerPlugin;
    private final LeftoverThreads leftovers;

    PluginLoader(
            FelixRuntime felix,
            DataSource dataSource,
            PluginContainerFactory containers,
            HealthCheckRegistry healthChecks,
            MetricRegistry metrics,
            Map<String, Map<String, String>> settings,
            Duration drainTimeout,
            PluginServices services,
            PluginDatabases databases,
            JobHost jobs,
            int threadsPerPlugin,
            LeftoverThreads leftovers) {
        this.services = services;
        this.threadsPerPlugin = threadsPerPlugin;
        this.leftovers = leftovers;
        this.jobs = jobs;
        this.databases = databases;
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
            throw new PluginLoadException(
                    PermissionsNotAcceptedException.ERROR,
                    "Plugin " + bundle.id() + " "
                            + bundle.version() + " needs " + String.join(", ", refused.labels())
                            + ", which the admin has not accepted; accept with POST /admin/plugins/" + bundle.id()
                            + "/enable?accept=" + String.join(",", refused.labels()) + ".",
                    List.of(),
                    null);
        }
        Permissions granted = bundle.permissions().grantedBy(accepted);
        Bundle osgiBundle = install(bundle);
        boolean schemaExisted = PluginSchema.exists(dataSource, bundle.id());
        List<String> applied = List.of();
        HostPluginContext context = null;
        PluginDatabases.PluginDatabase database = null;
        PluginJobs pluginJobs = null;
        PluginExecutor executor = null;
        ClassLoader pluginLoader = null;
        try {
            Plugin plugin = instantiate(osgiBundle, bundle);
            pluginLoader = plugin.getClass().getClassLoader();
            executor = new PluginExecutor(bundle.id(), pluginLoader, threadsPerPlugin);
            database = databases.open(bundle.id());
            applied = migrate(bundle, database.dataSource());
            osgiBundle.start();
            pluginJobs = jobs.open(bundle.id(), bundle.version().toString());
            context = new HostPluginContext(
                    bundle,
                    osgiBundle,
                    granted,
                    database.jdbi(),
                    healthChecks,
                    metrics,
                    settings.getOrDefault(bundle.id(), Map.of()),
                    services,
                    pluginJobs,
                    executor);
            start(plugin, context, applied);
            List<Object> components = context.seal();
            jobs.started(pluginJobs);
            PluginRoute route = containers.create(bundle.id(), bundle.version().toString(), components, pluginLoader);
            // Read on first demand of /openapi.json: swagger's reading is slow, and loads must be quick.
            Supplier<PluginApi> api = Suppliers.memoize(() -> PluginApiReader.read(
                    bundle.id(), bundle.name(), bundle.version().toString(), bundle.description(), components));
            LOG.info("Loaded plugin {} {} (migrations applied now: {})", bundle.id(), bundle.version(), applied);
            return new LoadedPlugin(bundle, osgiBundle, plugin, context, route, api, database);
        } catch (PluginLoadException
                | RuntimeException
                | LinkageError
                | BundleException
                | jakarta.servlet.ServletException e) {
            if (pluginJobs != null) {
                jobs.abandon(pluginJobs);
            }
            if (executor != null) {
                executor.shutdownNowAndWait(drainTimeout);
            }
            if (context != null) {
                context.release();
            }
            felix.uninstall(osgiBundle);
            if (pluginLoader != null) {
                leftovers.stopped(bundle.id(), bundle.version().toString(), pluginLoader);
            }
            if (database != null) {
                database.close();
            }
            if (!schemaExisted) {
                forget(bundle.id());
            }
            if (e instanceof PluginLoadException load) {
                throw load;
            }
            throw new PluginLoadException(
                    "plugin failed to load",
                    "Plugin " + bundle.id() + " " + bundle.version() + " could not be loaded: " + describe(e),
                    applied,
                    e);
        }
    }

    /** Removes the request metrics the host recorded for the plugin: it was uninstalled. */
    void forgetMetrics(String pluginId) {
        containers.routeMetrics().forget(pluginId);
    }

    /**
     * Stops routing to nothing: withdraws nothing itself; drains the given route and the version's job runs (within
     * one drain timeout), stops and uninstalls.
     */
    void unload(LoadedPlugin loaded) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        if (!loaded.route().closeAndDrain(drainTimeout)) {
            LOG.warn(
                    "Plugin {} {} still had requests in flight after {}; stopping it anyway",
                    loaded.bundle().id(),
                    loaded.version(),
                    drainTimeout);
        }
        jobs.drain(loaded.context().pluginJobs(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        ClassLoader pluginLoader = loaded.plugin().getClass().getClassLoader();
        try {
            ContextClassLoader.run(pluginLoader, loaded.plugin()::stop);
        } catch (Exception | LinkageError e) {
            LOG.warn(
                    "Plugin {} {} failed to stop cleanly: {}",
                    loaded.bundle().id(),
                    loaded.version(),
                    e.getMessage(),
                    e);
        }
        if (!loaded.context().pluginExecutor().shutdownNowAndWait(drainTimeout)) {
            LOG.warn(
                    "Tasks of plugin {} {} still run {} after their interrupt; they are left running",
                    loaded.bundle().id(),
                    loaded.version(),
                    drainTimeout);
        }
        loaded.context().release();
        loaded.database().close();
        felix.uninstall(loaded.osgiBundle());
        leftovers.stopped(loaded.bundle().id(), loaded.version(), pluginLoader);
        LOG.info("Unloaded plugin {} {}", loaded.bundle().id(), loaded.version());
    }

    private Bundle install(PluginBundle bundle) throws PluginLoadException {
        String location = "metacortex:" + bundle.id() + ":" + bundle.version() + ":"
                + bundle.sha256().substring(0, 12) + ":" + LOCATIONS.incrementAndGet();
        try {
            return felix.installAndResolve(location, bundle.bytes());
        } catch (UnresolvedBundleException e) {
            throw new PluginLoadException(
                    "plugin cannot be resolved",
                    "Plugin " + bundle.id() + " " + bundle.version() + " cannot run on this host: " + e.getMessage()
                            + ".",
                    List.of(),
                    e);
        } catch (BundleException e) {
            throw new PluginLoadException(
                    "invalid bundle", "Apache Felix refused the bundle: " + e.getMessage(), List.of(), e);
        }
    }

    private static Plugin instantiate(Bundle osgiBundle, PluginBundle bundle) throws PluginLoadException {
        try {
            Class<?> type = osgiBundle.loadClass(bundle.pluginClass());
            if (!Plugin.class.isAssignableFrom(type)) {
                throw new PluginLoadException(
                        "invalid plugin class",
                        PluginManifest.PLUGIN_CLASS + " " + bundle.pluginClass() + " does not implement "
                                + Plugin.class.getName() + ".",
                        List.of(),
                        null);
            }
            return (Plugin) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new PluginLoadException(
                    "invalid plugin class",
                    PluginManifest.PLUGIN_CLASS + " " + bundle.pluginClass() + " is not in the bundle.",
                    List.of(),
                    e);
        } catch (NoSuchMethodException e) {
            throw new PluginLoadException(
                    "invalid plugin class",
                    bundle.pluginClass() + " has no public no-argument constructor.",
                    List.of(),
                    e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginLoadException(
                    "invalid plugin class",
                    "Cannot create " + bundle.pluginClass() + " through its public no-argument constructor: "
                            + describe(e),
                    List.of(),
                    e);
        }
    }

    /** Why a load failed, in words for an admin: no exception class names. */
    private static String describe(Throwable e) {
        if (e instanceof InvocationTargetException target && target.getCause() != null) {
            return "the constructor threw: " + target.getCause().getMessage();
        }
        if (e instanceof NoClassDefFoundError) {
            return "class " + String.valueOf(e.getMessage()).replace('/', '.') + " is neither in the bundle nor"
                    + " imported by it.";
        }
        if (e instanceof LinkageError) {
            return "a class of the bundle is invalid (" + e.getMessage() + ").";
        }
        return String.valueOf(e.getMessage());
    }

    /** Drops the plugin's schema, with its data, and its database role. */
    void forget(String pluginId) {
        PluginSchema.drop(dataSource, pluginId);
        databases.dropRole(pluginId);
    }

    private List<String> migrate(PluginBundle bundle, DataSource pluginDataSource) throws PluginLoadException {
        try {
            return PluginMigrator.migrate(pluginDataSource, bundle.id(), bundle.migrations())
                    .appliedVersions();
        } catch (PluginMigrationException e) {
            throw new PluginLoadException("migration failed", e.getMessage(), List.of(), e);
        }
    }

    private static void start(Plugin plugin, HostPluginContext context, List<String> applied)
            throws PluginLoadException {
        try {
            ContextClassLoader.run(plugin.getClass().getClassLoader(), () -> plugin.start(context));
        } catch (Exception | LinkageError e) {
            throw new PluginLoadException(
                    "plugin failed to start",
                    "Plugin " + context.pluginId() + " " + context.version() + " threw from start(): " + e.getMessage(),
                    applied,
                    e);
        }
    }
}

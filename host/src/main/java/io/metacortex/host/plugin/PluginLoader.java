package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.google.common.base.Suppliers;
import io.metacortex.db.plugin.PluginMigrationException;
import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.executor.PluginExecutor;
import io.metacortex.host.events.EventHost;
import io.metacortex.host.events.PluginEvents;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.felix.UnresolvedBundleException;
import io.metacortex.host.jobs.JobHost;
import io.metacortex.host.jobs.PluginJobs;
import io.metacortex.host.openapi.PluginApi;
import io.metacortex.host.openapi.PluginApiReader;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRoute;
import io.metacortex.host.routing.PluginRouter;
import io.metacortex.host.routing.RouteCapabilities;
import io.metacortex.host.threads.ContextClassLoader;
import io.metacortex.host.threads.LeftoverThreads;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginManifest;
import io.metacortex.plugin.api.PluginPermissions;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final PluginRouter router;
    private final HealthCheckRegistry healthChecks;
    private final MetricRegistry metrics;
    private final Map<String, Map<String, String>> settings;
    private final Duration drainTimeout;
    private final PluginServices services;
    private final PluginDatabases databases;
    private final JobHost jobs;
    private final EventHost events;
    private final PluginDeadlines deadlines;
    private final int threadsPerPlugin;
    private final LeftoverThreads leftovers;

    PluginLoader(
            FelixRuntime felix,
            DataSource dataSource,
            PluginContainerFactory containers,
            PluginRouter router,
            HealthCheckRegistry healthChecks,
            MetricRegistry metrics,
            Map<String, Map<String, String>> settings,
            Duration drainTimeout,
            PluginServices services,
            PluginDatabases databases,
            JobHost jobs,
            EventHost events,
            PluginDeadlines deadlines,
            int threadsPerPlugin,
            LeftoverThreads leftovers) {
        this.events = events;
        this.deadlines = deadlines;
        this.services = services;
        this.threadsPerPlugin = threadsPerPlugin;
        this.leftovers = leftovers;
        this.jobs = jobs;
        this.databases = databases;
        this.felix = felix;
        this.dataSource = dataSource;
        this.containers = containers;
        this.router = router;
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
        refuseTakenWellKnownNames(bundle);
        if (PluginCode.jvmExiting()) {
            throw new PluginLoadException(
                    PluginLoadException.HOST_SHUTTING_DOWN,
                    "Plugin " + bundle.id() + " " + bundle.version() + " was not loaded: the host is shutting down.",
                    List.of(),
                    null);
        }
        Bundle osgiBundle = install(bundle);
        boolean schemaExisted = PluginSchema.exists(dataSource, bundle.id());
        List<String> applied = List.of();
        HostPluginContext context = null;
        PluginDatabases.PluginDatabase database = null;
        PluginJobs pluginJobs = null;
        PluginEvents pluginEvents = null;
        PluginExecutor executor = null;
        ClassLoader pluginLoader = null;
        try {
            Plugin plugin = runStart(bundle, List.of(), () -> instantiate(osgiBundle, bundle));
            pluginLoader = plugin.getClass().getClassLoader();
            executor = new PluginExecutor(bundle.id(), pluginLoader, threadsPerPlugin);
            database = databases.open(bundle.id());
            applied = migrate(bundle, database.dataSource());
            pluginJobs = jobs.open(bundle.id(), bundle.version().toString());
            pluginEvents = events.open(bundle.id(), bundle.version().toString());
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
                    pluginEvents,
                    executor);
            HostPluginContext starting = context;
            List<String> migrated = applied;
            runStart(bundle, applied, () -> {
                osgiBundle.start();
                start(plugin, starting, migrated);
                return plugin;
            });
            List<Object> components = context.seal();
            BasicAuthRoutes.checkDeclared(bundle, granted, components);
            jobs.started(pluginJobs);
            events.started(pluginEvents, database.jdbi());
            PluginRoute route = containers.create(
                    bundle.id(),
                    bundle.version().toString(),
                    components,
                    pluginLoader,
                    new RouteCapabilities(granted.has(PluginPermissions.HTTP_BASIC), bundle.wellKnown()));
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
            if (pluginEvents != null) {
                events.retire(pluginEvents);
            }
            if (executor != null) {
                executor.shutdownNowAndWait(drainTimeout);
            }
            if (context != null) {
                // Registrations the plugin's abandoned thread may still attempt are refused.
                context.seal();
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

    /** A well-known name (RFC 6764) is answered by one active plugin at most: the first to claim it. */
    private void refuseTakenWellKnownNames(PluginBundle bundle) throws PluginLoadException {
        for (String name : bundle.wellKnown().keySet()) {
            Optional<PluginRoute> holder = router.claiming(name, bundle.id());
            if (holder.isPresent()) {
                throw new PluginLoadException(
                        PluginLoadException.WELL_KNOWN_NAME_TAKEN,
                        "Plugin " + bundle.id() + " " + bundle.version() + " claims /.well-known/" + name
                                + ", which plugin " + holder.get().pluginId() + " answers; only one active plugin"
                                + " may. Disable or uninstall " + holder.get().pluginId() + " first.",
                        List.of(),
                        null);
            }
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
        events.retire(loaded.context().pluginEvents());
        ClassLoader pluginLoader = loaded.plugin().getClass().getClassLoader();
        try {
            PluginCode.run(loaded.bundle().id(), loaded.version(), PluginCode.Phase.STOP, deadlines.stop(), () -> {
                ContextClassLoader.run(pluginLoader, loaded.plugin()::stop);
                return null;
            });
        } catch (PluginCode.Failure e) {
            if (e.outcome() == PluginCode.Outcome.THREW) {
                LOG.warn(
                        "Plugin {} {} failed to stop cleanly: {}",
                        loaded.bundle().id(),
                        loaded.version(),
                        e.getMessage(),
                        e.getCause());
            } else {
                LOG.warn("{} Unloading it anyway.", e.getMessage());
            }
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
            return PluginMigrator.migrate(pluginDataSource, bundle.id(), bundle.migrations(), deadlines.migrations())
                    .appliedVersions();
        } catch (PluginMigrationException e) {
            throw new PluginLoadException(
                    e.timedOut() ? PluginLoadException.MIGRATION_DID_NOT_FINISH : "migration failed",
                    e.getMessage(),
                    List.of(),
                    e);
        }
    }

    /**
     * Runs the plugin's code of its start (its constructor; its bundle's and its own start) within the start
     * deadline, on a thread of its own.
     */
    private <T> T runStart(PluginBundle bundle, List<String> applied, PluginCode.Work<T> work)
            throws PluginLoadException, BundleException {
        try {
            return PluginCode.run(
                    bundle.id(), bundle.version().toString(), PluginCode.Phase.START, deadlines.start(), work);
        } catch (PluginCode.Failure e) {
            switch (e.outcome()) {
                case THREW -> {
                    if (e.getCause() instanceof PluginLoadException load) {
                        throw load;
                    }
                    if (e.getCause() instanceof BundleException refused) {
                        throw refused;
                    }
                    if (e.getCause() instanceof RuntimeException || e.getCause() instanceof LinkageError) {
                        throw new PluginLoadException(
                                "plugin failed to load",
                                "Plugin " + bundle.id() + " " + bundle.version() + " could not be loaded: "
                                        + describe(e.getCause()),
                                applied,
                                e.getCause());
                    }
                    throw new PluginLoadException(
                            "plugin failed to start",
                            "Plugin " + bundle.id() + " " + bundle.version() + " failed in start(): " + e.getMessage(),
                            applied,
                            e.getCause());
                }
                case SHUTDOWN ->
                    throw new PluginLoadException(
                            PluginLoadException.HOST_SHUTTING_DOWN, e.getMessage(), applied, null);
                default -> {
                    LOG.error("{}", e.getMessage());
                    throw new PluginLoadException(PluginLoadException.DID_NOT_START, e.getMessage(), applied, null);
                }
            }
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

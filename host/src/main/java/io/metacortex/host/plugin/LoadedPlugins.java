package io.metacortex.host.plugin;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.events.EventHost;
import io.metacortex.host.felix.PackageWiring;
import io.metacortex.host.jobs.JobHost;
import io.metacortex.host.modules.ActiveModules;
import io.metacortex.host.openapi.ApiDocument;
import io.metacortex.host.routing.PluginRouter;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin versions loaded on the host, switched in and out: a version that is activated serves the plugin's
 * routes, module and API document, and the version it replaces is unloaded once its requests completed. Whenever a
 * plugin changes, the plugins importing packages from it are loaded again, while their requests wait, so that they
 * wire to what exports the packages now (re-wiring).
 *
 * <p>Not thread-safe, except {@link #permissions}: its callers serialise their operations.
 */
final class LoadedPlugins {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedPlugins.class);

    private final PluginRegistry registry;
    private final PluginLoader loader;
    private final PluginRouter router;
    private final ApiDocument apiDocument;
    private final ActiveModules modules;
    private final JobHost jobs;
    private final EventHost events;
    private final Clock clock;
    private final Map<String, LoadedPlugin> loaded = new HashMap<>();
    /** The permission labels of each loaded version, readable without waiting for an operation to finish. */
    private final Map<String, List<String>> runningPermissions = new ConcurrentHashMap<>();
    /** The plugins re-wired during the current operation, each at most once; see {@link #reload}. */
    private final Set<String> reloaded = new HashSet<>();

    private int rewireDepth;

    LoadedPlugins(
            PluginRegistry registry,
            PluginLoader loader,
            PluginRouter router,
            ApiDocument apiDocument,
            ActiveModules modules,
            JobHost jobs,
            EventHost events,
            Clock clock) {
        this.jobs = jobs;
        this.events = events;
        this.registry = registry;
        this.loader = loader;
        this.router = router;
        this.apiDocument = apiDocument;
        this.modules = modules;
        this.clock = clock;
    }

    boolean isLoaded(String id) {
        return loaded.containsKey(id);
    }

    /** @return the labels of the permissions the plugin's loaded version declares, or null when none is loaded */
    List<String> permissions(String id) {
        return runningPermissions.get(id);
    }

    Optional<ClassLoader> classLoader(String id) {
        return Optional.ofNullable(loaded.get(id))
                .map(p -> p.plugin().getClass().getClassLoader());
    }

    /**
     * Routes requests to {@code next}, documents its API, and unloads the version it replaces once its requests
     * completed. Plugins wired to the replaced version's packages are loaded again and wired to {@code next}, and
     * plugins with an optional import {@code next} can satisfy are loaded again to wire to it.
     */
    void activate(LoadedPlugin next, PluginRecord record) {
        PluginBundle bundle = next.bundle();
        String id = bundle.id();
        modules.put(new ActiveModules.Module(
                id,
                bundle.name(),
                bundle.description(),
                next.version(),
                bundle.settingsSchema(),
                record.enabledByDefault()));
        router.publish(next.route());
        jobs.activate(next.context().pluginJobs());
        events.activate(next.context().pluginEvents());
        apiDocument.put(id, next.api());
        LoadedPlugin previous = loaded.put(id, next);
        runningPermissions.put(id, bundle.permissions().labels());
        unloadAndRewire(previous, next.context()::publish);
        rewire(loaded.values().stream()
                .filter(other -> PackageWiring.couldImportFrom(other.osgiBundle(), next.osgiBundle()))
                .map(other -> other.bundle().id())
                .toList());
    }

    /**
     * Withdraws the plugin's routes, module and API document, and unloads it; plugins wired to it are re-wired. Its
     * jobs wait until a version of it is activated again.
     */
    void deactivate(String id) {
        deactivate(id, true);
    }

    /** @param holdJobs whether the plugin's jobs are held back in the database (not at shutdown: other hosts run it) */
    private void deactivate(String id, boolean holdJobs) {
        router.withdraw(id);
        jobs.deactivate(id, holdJobs);
        events.deactivate(id);
        modules.remove(id);
        apiDocument.remove(id);
        LoadedPlugin previous = loaded.remove(id);
        runningPermissions.remove(id);
        unloadAndRewire(previous, () -> {});
    }

    /** Unloads every plugin, at shutdown. */
    void unloadAll() {
        for (String id : List.copyOf(loaded.keySet())) {
            deactivate(id, false);
        }
    }

    /**
     * @throws HostException when another loaded plugin imports packages from this one without
     *     {@code resolution:=optional}: it could not run without them
     */
    void requireNoDependents(String id, String action) {
        LoadedPlugin provider = loaded.get(id);
        if (provider == null) {
            return;
        }
        List<String> needs = loaded.values().stream()
                .filter(other -> !other.bundle().id().equals(id))
                .flatMap(other -> PackageWiring.requiredPackagesFrom(other.osgiBundle(), provider.osgiBundle()).stream()
                        .map(pkg -> other.bundle().id() + " needs " + pkg))
                .toList();
        if (!needs.isEmpty()) {
            throw new HostException(
                    Status.CONFLICT,
                    "plugin in use",
                    "Plugin " + id + " cannot be " + action
                            + ": " + String.join(", ", needs) + ", exported by " + id + ". Disable or uninstall "
                            + (needs.size() == 1 ? "that plugin" : "those plugins") + " first.");
        }
    }

    /**
     * Unloads {@code provider} (if any) while the plugins wired to its packages wait, runs {@code then}, and loads
     * those plugins again: Felix refreshed them with the provider, and loaded anew they wire to whatever exports the
     * packages now (or, for an optional import, to nothing). Their requests wait until they are back.
     */
    private void unloadAndRewire(LoadedPlugin provider, Runnable then) {
        if (provider == null) {
            then.run();
            return;
        }
        List<String> dependents = loaded.values().stream()
                .filter(other -> !other.bundle().id().equals(provider.bundle().id()))
                .filter(other -> !PackageWiring.packagesFrom(other.osgiBundle(), provider.osgiBundle())
                        .isEmpty())
                .map(other -> other.bundle().id())
                .toList();
        holding(dependents, () -> {
            loader.unload(provider);
            then.run();
            dependents.forEach(this::reload);
        });
    }

    /** Loads these plugins again, while their requests wait, so that Felix wires them afresh. */
    private void rewire(List<String> ids) {
        if (!ids.isEmpty()) {
            holding(ids, () -> ids.forEach(this::reload));
        }
    }

    /** Runs {@code work} while new requests to these plugins wait at the door ({@link PluginRouter#hold}). */
    private void holding(List<String> ids, Runnable work) {
        PluginRouter.Hold hold = router.hold(ids);
        try {
            work.run();
        } finally {
            hold.close();
        }
    }

    /**
     * Loads the plugin's running version again as a new bundle and switches to it. Each plugin is reloaded once per
     * operation, which also ends the chain when two plugins import from each other. A plugin that cannot be loaded
     * again (it needs a package nobody exports now) stops serving and is marked FAILED.
     */
    private void reload(String id) {
        LoadedPlugin stale = loaded.get(id);
        PluginRecord record = registry.find(id).orElse(null);
        if (stale == null || record == null || !reloaded.add(id)) {
            return;
        }
        rewireDepth++;
        try {
            activate(loader.load(stale.bundle(), record.accepted()), record);
            LOG.info("Re-wired plugin {} {}: a plugin it imports packages from changed", id, stale.version());
        } catch (PluginLoadException | RuntimeException e) {
            LOG.error(
                    "Plugin {} {} could not be re-wired after a plugin it imports from changed: {}",
                    id,
                    stale.version(),
                    e.getMessage(),
                    e);
            deactivate(id);
            registry.save(record.withState(PluginState.FAILED, e.getMessage()).withUpdatedAt(clock.instant()));
        } finally {
            if (--rewireDepth == 0) {
                reloaded.clear();
            }
        }
    }
}

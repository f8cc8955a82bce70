package io.metacortex.host.plugin;

import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.PackageWiring;
import io.metacortex.host.modules.ActiveModules;
import io.metacortex.host.openapi.ApiDocument;
import io.metacortex.host.routing.PluginRouter;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades, rolls back, disables, enables and uninstalls plugins on the running host. Operations are
 * serialised; each either completes or leaves the registry, the schemas and the routes as they were. An upgrade
 * loads the new version beside the old one and switches the route atomically, so no request fails.
 *
 * <p>Every version loaded needs the admin's acceptance of the permissions it declares: those accepted before (kept
 * in the registry) plus those accepted with the operation. The registry then keeps exactly what the loaded version
 * declares, so permissions a version dropped must be accepted again by a later one that wants them back.
 */
public final class PluginLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private final PluginRegistry registry;
    private final PluginBundleReader reader;
    private final PluginLoader loader;
    private final PluginRouter router;
    private final ApiDocument apiDocument;
    private final ActiveModules modules;
    private final DataSource dataSource;
    private final PluginServices services;
    private final Clock clock;
    private final Map<String, LoadedPlugin> loaded = new HashMap<>();
    /** The permission labels of each loaded version, readable without waiting for an operation to finish. */
    private final Map<String, List<String>> runningPermissions = new ConcurrentHashMap<>();
    /** The plugins re-wired during the current operation, each at most once; see {@link #reload}. */
    private final Set<String> reloaded = new HashSet<>();
    private int rewireDepth;

    PluginLifecycle(PluginRegistry registry, PluginBundleReader reader, PluginLoader loader, PluginRouter router,
            ApiDocument apiDocument, ActiveModules modules, DataSource dataSource, PluginServices services,
            Clock clock) {
        this.reader = reader;
        this.registry = registry;
        this.loader = loader;
        this.router = router;
        this.apiDocument = apiDocument;
        this.modules = modules;
        this.dataSource = dataSource;
        this.services = services;
        this.clock = clock;
    }

    public List<PluginView> list() {
        return registry.list().stream().map(this::view).toList();
    }

    public PluginView get(String id) {
        return view(require(id));
    }

    public Optional<PluginView> find(String id) {
        return registry.find(id).map(this::view);
    }

    /** @return the class loader of the plugin's loaded version, for diagnostics such as leak checks */
    Optional<ClassLoader> classLoader(String id) {
        synchronized (this) {
            return Optional.ofNullable(loaded.get(id)).map(p -> p.plugin().getClass().getClassLoader());
        }
    }

    /**
     * Installs a plugin that is not installed yet.
     *
     * @param accepted the permissions the admin accepts; they must cover all the plugin declares
     */
    public synchronized PluginView install(byte[] jar, String source, Permissions accepted) {
        return install(reader.read(jar), source, accepted);
    }

    /** Installs a bundle its caller has read already (the deploy folder). */
    public synchronized PluginView install(PluginBundle bundle, String source, Permissions accepted) {
        registry.find(bundle.id()).ifPresent(existing -> {
            throw new HostException(Status.CONFLICT, "plugin already installed", "Plugin " + bundle.id()
                    + " is already installed at version " + existing.version() + "; upgrade it with PUT"
                    + " /admin/plugins/" + bundle.id() + ".");
        });
        Permissions granted = requireAccepted(bundle, Permissions.NONE, accepted, "Nothing was installed.");
        LoadedPlugin next = load(bundle, granted, "Nothing was installed.");
        Instant now = clock.instant();
        PluginRecord record = new PluginRecord(bundle.id(), bundle.name(), bundle.description(),
                next.version(), null, PluginState.ACTIVE, null, source, now, now, granted.labels(), true);
        persistOrUnload(record, bundle, next);
        activate(next, record);
        LOG.info("Installed plugin {} {}", bundle.id(), next.version());
        return view(record);
    }

    /**
     * Replaces an installed plugin by a newer version (or any version, with {@code force}).
     *
     * @param accepted the permissions the admin accepts now, beyond those accepted before
     */
    public synchronized PluginView upgrade(String id, byte[] jar, boolean force, String source,
            Permissions accepted) {
        PluginRecord current = require(id);
        return upgrade(current, reader.read(jar), force, source, accepted);
    }

    /** Upgrades with a bundle its caller has read already (the deploy folder). */
    public synchronized PluginView upgrade(PluginBundle bundle, String source, Permissions accepted) {
        return upgrade(require(bundle.id()), bundle, false, source, accepted);
    }

    private PluginView upgrade(PluginRecord current, PluginBundle bundle, boolean force, String source,
            Permissions accepted) {
        String id = current.id();
        if (!bundle.id().equals(id)) {
            throw new HostException(422, "plugin id mismatch", "The uploaded jar is plugin '" + bundle.id()
                    + "', not '" + id + "'.", null);
        }
        Version installed = Version.parseVersion(current.version());
        if (bundle.version().compareTo(installed) <= 0 && !force) {
            throw new HostException(Status.CONFLICT, "version not newer", "Plugin " + id + " is at "
                    + installed + " and the upload is " + bundle.version() + ". Upload a higher Bundle-Version,"
                    + " or add ?force=true to replace it anyway (use rollback to return to the previous version).");
        }
        requireNotDisabled(current, "upgrade");
        String unchanged = "Version " + installed + " is unchanged" + (loaded.containsKey(id)
                ? " and keeps serving." : ".");
        Permissions granted = requireAccepted(bundle, acceptedBefore(current), accepted, unchanged);
        boolean staged = registry.stage(bundle, clock.instant());
        LoadedPlugin next;
        PluginRecord record;
        try {
            next = load(bundle, granted, unchanged);
            String previous = bundle.version().equals(installed) ? current.previousVersion() : current.version();
            record = new PluginRecord(id, bundle.name(), bundle.description(), next.version(), previous,
                    PluginState.ACTIVE, null, source == null ? current.source() : source, current.installedAt(),
                    clock.instant(), granted.labels(), current.enabledByDefault());
            persistOrUnload(record, bundle, next);
        } catch (RuntimeException e) {
            if (staged) {
                registry.unstage(bundle);
            }
            throw e;
        }
        activate(next, record);
        LOG.info("Upgraded plugin {} from {} to {}", id, installed, next.version());
        return view(record);
    }

    /**
     * Returns to the version before the last upgrade, unless the schema has migrations it does not know.
     *
     * @param accepted the permissions the admin accepts now, for a previous version that needs more
     */
    public synchronized PluginView rollback(String id, Permissions accepted) {
        PluginRecord current = require(id);
        if (current.previousVersion() == null) {
            throw new HostException(Status.CONFLICT, "nothing to roll back to", "Plugin " + id
                    + " has no previous version: it was installed at " + current.version()
                    + " and never upgraded.");
        }
        requireNotDisabled(current, "roll back");
        PluginBundle bundle = reader.read(storedBytes(id, current.previousVersion()));
        List<String> unknown = migrationsUnknownTo(bundle);
        if (!unknown.isEmpty()) {
            throw new HostException(Status.CONFLICT, "rollback refused", "The schema of plugin " + id
                    + " has migrations " + String.join(", ", unknown.stream().map(v -> "V" + v).toList())
                    + " that version " + bundle.version() + " does not know. Migrations are forward-only, so "
                    + bundle.version() + " cannot run on this schema; upgrade to a version that knows them.");
        }
        String unchanged = "Version " + current.version() + " keeps serving.";
        Permissions granted = requireAccepted(bundle, acceptedBefore(current), accepted, unchanged);
        LoadedPlugin next = load(bundle, granted, unchanged);
        PluginRecord record = new PluginRecord(id, bundle.name(), bundle.description(), next.version(),
                current.version(), PluginState.ACTIVE, null, current.source(), current.installedAt(),
                clock.instant(), granted.labels(), current.enabledByDefault());
        persistOrUnload(record, bundle, next);
        activate(next, record);
        LOG.info("Rolled plugin {} back from {} to {}", id, current.version(), next.version());
        return view(record);
    }

    /** Withdraws the plugin's routes and unloads it; its registration and data are kept. */
    public synchronized PluginView disable(String id) {
        PluginRecord current = require(id);
        if (current.state() == PluginState.DISABLED) {
            return view(current);
        }
        requireNoDependents(id, "disabled");
        deactivate(id);
        PluginRecord record = current.withState(PluginState.DISABLED, null, clock.instant());
        registry.save(record);
        LOG.info("Disabled plugin {}", id);
        return view(record);
    }

    /**
     * Loads a disabled (or failed) plugin again at its current version.
     *
     * @param accepted the permissions the admin accepts now, when those accepted before do not cover the version
     */
    public synchronized PluginView enable(String id, Permissions accepted) {
        PluginRecord current = require(id);
        if (current.state() == PluginState.ACTIVE && loaded.containsKey(id)) {
            return view(current);
        }
        PluginBundle bundle = reader.read(storedBytes(id, current.version()));
        String unchanged = "The plugin stays " + current.state() + ".";
        Permissions granted = requireAccepted(bundle, acceptedBefore(current), accepted, unchanged);
        LoadedPlugin next = load(bundle, granted, unchanged);
        PluginRecord record = current.withState(PluginState.ACTIVE, null, clock.instant())
                .withAcceptedPermissions(granted.labels());
        persistOrUnload(record, null, next);
        activate(next, record);
        LOG.info("Enabled plugin {} {}", id, next.version());
        return view(record);
    }

    /** Sets whether users who made no choice of their own have the plugin's module on. */
    public synchronized PluginView setEnabledByDefault(String id, boolean enabledByDefault) {
        PluginRecord current = require(id);
        Instant now = clock.instant();
        registry.setEnabledByDefault(id, enabledByDefault, now);
        modules.setEnabledByDefault(id, enabledByDefault);
        LOG.info("Plugin {} is now {} by default", id, enabledByDefault ? "on" : "off");
        return PluginView.of(new PluginRecord(current.id(), current.name(), current.description(), current.version(),
                current.previousVersion(), current.state(), current.failureReason(), current.source(),
                current.installedAt(), now, current.acceptedPermissions(), enabledByDefault),
                runningPermissions.get(id));
    }

    /** Unloads and forgets the plugin; with {@code purge} its schema, data and secrets are dropped too. */
    public synchronized void uninstall(String id, boolean purge) {
        require(id);
        requireNoDependents(id, "uninstalled");
        deactivate(id);
        registry.delete(id);
        loader.forgetMetrics(id);
        if (purge) {
            loader.forget(id);
            services.forget(id);
        }
        LOG.info("Uninstalled plugin {}{}", id, purge ? " and dropped its schema" : " (its data is kept)");
    }

    /**
     * Loads every plugin the registry says should be active; one that fails is marked FAILED, not fatal. An upgrade
     * the host died in after its migrations committed is finished first (migrations are forward-only, so the
     * registry catches up with the schema); then kept bundles nothing can reach any more are deleted.
     */
    public synchronized void restore() {
        List<Restorable> pending = new ArrayList<>();
        for (PluginRecord stored : registry.list()) {
            if (stored.state() == PluginState.DISABLED || loaded.containsKey(stored.id())) {
                continue;
            }
            PluginRecord record = stored;
            try {
                PluginBundle bundle = reader.read(storedBytes(record.id(), record.version()));
                Optional<PluginBundle> interrupted = interruptedUpgrade(record, bundle);
                if (interrupted.isPresent()) {
                    bundle = interrupted.get();
                    record = finishUpgrade(record, bundle);
                }
                pending.add(new Restorable(record, bundle));
            } catch (RuntimeException e) {
                restoreFailed(record, e);
            }
        }
        // Plugins offering packages first: those importing them then wire to them at once, not after a re-wiring.
        pending.sort(Comparator.comparing(restorable -> restorable.bundle().exportedPackages().isEmpty()));
        for (Restorable restorable : pending) {
            PluginRecord record = restorable.record();
            try {
                activate(loader.load(restorable.bundle(), acceptedBefore(record)), record);
                if (record.state() != PluginState.ACTIVE) {
                    registry.save(record.withState(PluginState.ACTIVE, null, clock.instant()));
                }
            } catch (PluginLoadException | RuntimeException e) {
                restoreFailed(record, e);
            }
        }
        int pruned = registry.pruneUnreachableBundles();
        if (pruned > 0) {
            LOG.info("Deleted {} kept plugin bundle(s) left by operations the host did not finish", pruned);
        }
    }

    /** A plugin to load at start, with the bundle of the version it is to run. */
    private record Restorable(PluginRecord record, PluginBundle bundle) {
    }

    private void restoreFailed(PluginRecord record, Exception e) {
        LOG.error("Plugin {} {} could not be restored: {}", record.id(), record.version(), e.getMessage(), e);
        registry.save(record.withState(PluginState.FAILED, e.getMessage(), clock.instant()));
    }

    /**
     * @return the bundle of an upgrade interrupted after its migrations committed: when the schema has migrations
     *     the registered version does not know, the highest kept version, other than the registered and the
     *     previous one, that knows them all
     */
    private Optional<PluginBundle> interruptedUpgrade(PluginRecord record, PluginBundle registered) {
        if (migrationsUnknownTo(registered).isEmpty()) {
            return Optional.empty();
        }
        return registry.keptVersions(record.id()).stream()
                .filter(v -> !v.equals(record.version()) && !v.equals(record.previousVersion()))
                .map(v -> reader.read(storedBytes(record.id(), v)))
                .filter(candidate -> migrationsUnknownTo(candidate).isEmpty())
                .max(Comparator.comparing(PluginBundle::version));
    }

    private PluginRecord finishUpgrade(PluginRecord record, PluginBundle bundle) {
        LOG.warn("Plugin {}: the host stopped during the upgrade from {} to {} after its migrations were applied;"
                + " finishing the upgrade", record.id(), record.version(), bundle.version());
        PluginRecord upgraded = new PluginRecord(record.id(), bundle.name(), bundle.description(),
                bundle.version().toString(), record.version(), record.state(), record.failureReason(),
                record.source(), record.installedAt(), clock.instant(), record.acceptedPermissions(),
                record.enabledByDefault());
        registry.save(upgraded, bundle);
        return upgraded;
    }

    /** Unloads every plugin at shutdown; the registry keeps their states for the next start. */
    public synchronized void unloadAll() {
        for (String id : List.copyOf(loaded.keySet())) {
            deactivate(id);
        }
    }

    /**
     * @return the permissions {@code bundle} may be granted: all it declares, once covered by those accepted
     * @throws PermissionsNotAcceptedException naming what is not covered
     */
    private static Permissions requireAccepted(PluginBundle bundle, Permissions before, Permissions now,
            String unchanged) {
        Permissions missing = bundle.permissions().notCoveredBy(before.union(now));
        if (!missing.isEmpty()) {
            throw new PermissionsNotAcceptedException(bundle, missing, unchanged);
        }
        return bundle.permissions();
    }

    private static Permissions acceptedBefore(PluginRecord record) {
        return Permissions.fromLabels(record.acceptedPermissions());
    }

    private PluginView view(PluginRecord record) {
        return PluginView.of(record, runningPermissions.get(record.id()));
    }

    private LoadedPlugin load(PluginBundle bundle, Permissions granted, String unchanged) {
        try {
            return loader.load(bundle, granted);
        } catch (PluginLoadException e) {
            String kept = e.appliedMigrations().isEmpty() ? "" : " Migrations "
                    + String.join(", ", e.appliedMigrations().stream().map(v -> "V" + v).toList())
                    + " stay applied to schema " + PluginSchema.schemaName(bundle.id()) + ".";
            throw new HostException(422, e.error(), e.getMessage() + " " + unchanged + kept, e);
        }
    }

    private void persistOrUnload(PluginRecord record, PluginBundle bundle, LoadedPlugin next) {
        try {
            if (bundle == null) {
                registry.save(record);
            } else {
                registry.save(record, bundle);
            }
        } catch (RuntimeException e) {
            loader.unload(next);
            throw e;
        }
    }

    /**
     * Routes requests to {@code next}, documents its API, and unloads the version it replaces once its requests
     * completed. Plugins wired to the replaced version's packages are loaded again and wired to {@code next}, and
     * plugins with an optional import {@code next} can satisfy are loaded again to wire to it.
     */
    private void activate(LoadedPlugin next, PluginRecord record) {
        PluginBundle bundle = next.bundle();
        String id = bundle.id();
        modules.put(new ActiveModules.Module(id, bundle.name(), bundle.description(), next.version(),
                bundle.settingsSchema(), record.enabledByDefault()));
        router.publish(next.route());
        apiDocument.put(id, next.api());
        LoadedPlugin previous = loaded.put(id, next);
        runningPermissions.put(id, next.bundle().permissions().labels());
        unloadAndRewire(previous, next.context()::publish);
        rewire(loaded.values().stream()
                .filter(other -> PackageWiring.couldImportFrom(other.osgiBundle(), next.osgiBundle()))
                .map(other -> other.bundle().id())
                .toList());
    }

    private void deactivate(String id) {
        router.withdraw(id);
        modules.remove(id);
        apiDocument.remove(id);
        LoadedPlugin previous = loaded.remove(id);
        runningPermissions.remove(id);
        unloadAndRewire(previous, () -> { });
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
                .filter(other -> !PackageWiring.packagesFrom(other.osgiBundle(), provider.osgiBundle()).isEmpty())
                .map(other -> other.bundle().id())
                .toList();
        try (PluginRouter.Hold hold = router.hold(dependents)) {
            loader.unload(provider);
            then.run();
            dependents.forEach(this::reload);
        }
    }

    /** Loads these plugins again, while their requests wait, so that Felix wires them afresh. */
    private void rewire(List<String> ids) {
        if (!ids.isEmpty()) {
            try (PluginRouter.Hold hold = router.hold(ids)) {
                ids.forEach(this::reload);
            }
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
            activate(loader.load(stale.bundle(), acceptedBefore(record)), record);
            LOG.info("Re-wired plugin {} {}: a plugin it imports packages from changed", id, stale.version());
        } catch (PluginLoadException | RuntimeException e) {
            LOG.error("Plugin {} {} could not be re-wired after a plugin it imports from changed: {}", id,
                    stale.version(), e.getMessage(), e);
            deactivate(id);
            registry.save(record.withState(PluginState.FAILED, e.getMessage(), clock.instant()));
        } finally {
            if (--rewireDepth == 0) {
                reloaded.clear();
            }
        }
    }

    /**
     * @throws HostException when another active plugin imports packages from this one without
     *     {@code resolution:=optional}: it could not run without them
     */
    private void requireNoDependents(String id, String action) {
        LoadedPlugin provider = loaded.get(id);
        if (provider == null) {
            return;
        }
        List<String> needs = loaded.values().stream()
                .filter(other -> !other.bundle().id().equals(id))
                .flatMap(other -> PackageWiring.requiredPackagesFrom(other.osgiBundle(), provider.osgiBundle())
                        .stream().map(pkg -> other.bundle().id() + " needs " + pkg))
                .toList();
        if (!needs.isEmpty()) {
            throw new HostException(Status.CONFLICT, "plugin in use", "Plugin " + id + " cannot be " + action
                    + ": " + String.join(", ", needs) + ", exported by " + id + ". Disable or uninstall "
                    + (needs.size() == 1 ? "that plugin" : "those plugins") + " first.");
        }
    }

    private List<String> migrationsUnknownTo(PluginBundle bundle) {
        List<MigrationVersion> known = bundle.migrationVersions().stream().map(MigrationVersion::fromVersion).toList();
        return PluginMigrator.appliedVersions(dataSource, bundle.id()).stream()
                .filter(applied -> !known.contains(MigrationVersion.fromVersion(applied)))
                .toList();
    }

    private byte[] storedBytes(String id, String version) {
        return registry.bundleBytes(id, version).orElseThrow(() -> new IllegalStateException(
                "The registry has no bundle for plugin " + id + " " + version));
    }

    private PluginRecord require(String id) {
        return registry.find(id).orElseThrow(() -> new HostException(Status.NOT_FOUND, "plugin not found",
                "No plugin with id '" + id + "' is installed; GET /admin/plugins lists them."));
    }

    private static void requireNotDisabled(PluginRecord current, String action) {
        if (current.state() == PluginState.DISABLED) {
            throw new HostException(Status.CONFLICT, "plugin disabled", "Plugin " + current.id()
                    + " is disabled; enable it before you " + action + " it.");
        }
    }
}

package io.metacortex.host.plugin;

import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.openapi.ApiDocument;
import io.metacortex.host.routing.PluginRouter;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades, rolls back, disables, enables and uninstalls plugins on the running host. Operations are
 * serialised; each either completes or leaves the registry, the schemas and the routes as they were. An upgrade
 * loads the new version beside the old one and switches the route atomically, so no request fails.
 */
public final class PluginLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private final PluginRegistry registry;
    private final PluginBundleReader reader;
    private final PluginLoader loader;
    private final PluginRouter router;
    private final ApiDocument apiDocument;
    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, LoadedPlugin> loaded = new HashMap<>();

    PluginLifecycle(PluginRegistry registry, PluginBundleReader reader, PluginLoader loader, PluginRouter router, ApiDocument apiDocument,
            DataSource dataSource, Clock clock) {
        this.registry = registry;
        this.reader = reader;
        this.loader = loader;
        this.router = router;
        this.apiDocument = apiDocument;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<PluginView> list() {
        return registry.list().stream().map(PluginView::of).toList();
    }

    public PluginView get(String id) {
        return PluginView.of(require(id));
    }

    public Optional<PluginView> find(String id) {
        return registry.find(id).map(PluginView::of);
    }

    /** @return the class loader of the plugin's loaded version, for diagnostics such as leak checks */
    Optional<ClassLoader> classLoader(String id) {
        synchronized (this) {
            return Optional.ofNullable(loaded.get(id)).map(p -> p.plugin().getClass().getClassLoader());
        }
    }

    /** Installs a plugin that is not installed yet. */
    public synchronized PluginView install(byte[] jar, String source) {
        PluginBundle bundle = reader.read(jar);
        registry.find(bundle.id()).ifPresent(existing -> {
            throw new HostException(Status.CONFLICT, "plugin already installed", "Plugin " + bundle.id()
                    + " is already installed at version " + existing.version() + "; upgrade it with PUT"
                    + " /admin/plugins/" + bundle.id() + ".");
        });
        LoadedPlugin next = load(bundle, "Nothing was installed.");
        Instant now = clock.instant();
        PluginRecord record = new PluginRecord(bundle.id(), bundle.name(), bundle.description(),
                next.version(), null, PluginState.ACTIVE, null, source, now, now);
        persistOrUnload(record, bundle, next);
        activate(next);
        LOG.info("Installed plugin {} {}", bundle.id(), next.version());
        return PluginView.of(record);
    }

    /** Replaces an installed plugin by a newer version (or any version, with {@code force}). */
    public synchronized PluginView upgrade(String id, byte[] jar, boolean force, String source) {
        PluginRecord current = require(id);
        PluginBundle bundle = reader.read(jar);
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
        LoadedPlugin next = load(bundle, "Version " + installed + " is unchanged" + (loaded.containsKey(id)
                ? " and keeps serving." : "."));
        String previous = bundle.version().equals(installed) ? current.previousVersion() : current.version();
        PluginRecord record = new PluginRecord(id, bundle.name(), bundle.description(), next.version(), previous,
                PluginState.ACTIVE, null, source == null ? current.source() : source, current.installedAt(),
                clock.instant());
        persistOrUnload(record, bundle, next);
        activate(next);
        LOG.info("Upgraded plugin {} from {} to {}", id, installed, next.version());
        return PluginView.of(record);
    }

    /** Returns to the version before the last upgrade, unless the schema has migrations it does not know. */
    public synchronized PluginView rollback(String id) {
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
        LoadedPlugin next = load(bundle, "Version " + current.version() + " keeps serving.");
        PluginRecord record = new PluginRecord(id, bundle.name(), bundle.description(), next.version(),
                current.version(), PluginState.ACTIVE, null, current.source(), current.installedAt(),
                clock.instant());
        persistOrUnload(record, bundle, next);
        activate(next);
        LOG.info("Rolled plugin {} back from {} to {}", id, current.version(), next.version());
        return PluginView.of(record);
    }

    /** Withdraws the plugin's routes and unloads it; its registration and data are kept. */
    public synchronized PluginView disable(String id) {
        PluginRecord current = require(id);
        if (current.state() == PluginState.DISABLED) {
            return PluginView.of(current);
        }
        deactivate(id);
        PluginRecord record = current.withState(PluginState.DISABLED, null, clock.instant());
        registry.save(record);
        LOG.info("Disabled plugin {}", id);
        return PluginView.of(record);
    }

    /** Loads a disabled (or failed) plugin again at its current version. */
    public synchronized PluginView enable(String id) {
        PluginRecord current = require(id);
        if (current.state() == PluginState.ACTIVE && loaded.containsKey(id)) {
            return PluginView.of(current);
        }
        PluginBundle bundle = reader.read(storedBytes(id, current.version()));
        LoadedPlugin next = load(bundle, "The plugin stays " + current.state() + ".");
        PluginRecord record = current.withState(PluginState.ACTIVE, null, clock.instant());
        persistOrUnload(record, null, next);
        activate(next);
        LOG.info("Enabled plugin {} {}", id, next.version());
        return PluginView.of(record);
    }

    /** Unloads and forgets the plugin; with {@code purge} its schema and data are dropped too. */
    public synchronized void uninstall(String id, boolean purge) {
        require(id);
        deactivate(id);
        registry.delete(id);
        if (purge) {
            PluginSchema.drop(dataSource, id);
        }
        LOG.info("Uninstalled plugin {}{}", id, purge ? " and dropped its schema" : " (its data is kept)");
    }

    /**
     * Loads every plugin the registry says should be active; one that fails is marked FAILED, not fatal. Stored
     * bundles are read (and so their signatures verified) again, under the current policy.
     */
    public synchronized void restore() {
        for (PluginRecord record : registry.list()) {
            if (record.state() == PluginState.DISABLED || loaded.containsKey(record.id())) {
                continue;
            }
            try {
                PluginBundle bundle = reader.read(storedBytes(record.id(), record.version()));
                activate(loader.load(bundle));
                if (record.state() != PluginState.ACTIVE) {
                    registry.save(record.withState(PluginState.ACTIVE, null, clock.instant()));
                }
            } catch (PluginLoadException | RuntimeException e) {
                LOG.error("Plugin {} {} could not be restored: {}", record.id(), record.version(), e.getMessage(), e);
                registry.save(record.withState(PluginState.FAILED, e.getMessage(), clock.instant()));
            }
        }
    }

    /** Unloads every plugin at shutdown; the registry keeps their states for the next start. */
    public synchronized void unloadAll() {
        for (String id : List.copyOf(loaded.keySet())) {
            deactivate(id);
        }
    }

    private LoadedPlugin load(PluginBundle bundle, String unchanged) {
        try {
            return loader.load(bundle);
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
     * completed.
     */
    private void activate(LoadedPlugin next) {
        String id = next.bundle().id();
        router.publish(next.route());
        apiDocument.put(next.api());
        LoadedPlugin previous = loaded.put(id, next);
        if (previous != null) {
            loader.unload(previous);
        }
        next.context().publish();
    }

    private void deactivate(String id) {
        router.withdraw(id);
        apiDocument.remove(id);
        LoadedPlugin previous = loaded.remove(id);
        if (previous != null) {
            loader.unload(previous);
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

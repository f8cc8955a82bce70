package io.metacortex.host.plugin;

import io.metacortex.host.code.CodeCheck;
import io.metacortex.host.logging.StartPhases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the plugins back at start, whatever state the last run left: loads every plugin the registry says should
 * run, first finishing an upgrade the host died in after its migrations committed, and deletes the kept bundles
 * nothing can reach any more. A plugin that cannot be loaded is marked FAILED; the host starts anyway.
 */
final class PluginRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRecovery.class);

    private final PluginRegistry registry;
    private final PluginBundleReader reader;
    private final PluginLoader loader;
    private final PluginSchemas schemas;
    private final LoadedPlugins loaded;
    private final InstallJournal journal;
    private final CodeCheck code;
    private final Clock clock;

    PluginRecovery(
            PluginRegistry registry,
            PluginBundleReader reader,
            PluginLoader loader,
            PluginSchemas schemas,
            LoadedPlugins loaded,
            InstallJournal journal,
            CodeCheck code,
            Clock clock) {
        this.journal = journal;
        this.code = code;
        this.registry = registry;
        this.reader = reader;
        this.loader = loader;
        this.schemas = schemas;
        this.loaded = loaded;
        this.clock = clock;
    }

    /**
     * Loads every plugin that is neither disabled nor loaded already. An upgrade interrupted after its migrations
     * committed is finished (migrations are forward-only, so the registry catches up with the schema).
     */
    void restore() {
        removeUnfinishedInstalls();
        List<Restorable> pending = new ArrayList<>();
        for (PluginRecord stored : registry.list()) {
            if (stored.state() == PluginState.DISABLED || loaded.isLoaded(stored.id())) {
                continue;
            }
            PluginRecord record = stored;
            try {
                PluginBundle bundle = reader.read(registry.keptBytes(record.id(), record.version()));
                Optional<PluginBundle> interrupted = interruptedUpgrade(record, bundle);
                if (interrupted.isPresent()) {
                    bundle = interrupted.get();
                    record = finishUpgrade(record, bundle);
                }
                // Checked at every start: a bundle kept from before a rule existed, or before trustedCode changed.
                code.require(record.id(), record.id() + " " + bundle.version(), bundle.bytes(), "It stays FAILED.");
                pending.add(new Restorable(record, bundle));
            } catch (RuntimeException e) {
                restoreFailed(record, e);
            }
        }
        // Plugins offering packages first: those importing them then wire to them at once, not after a re-wiring.
        pending.sort(Comparator.comparing(
                restorable -> restorable.bundle().exportedPackages().isEmpty()));
        for (Restorable restorable : pending) {
            PluginRecord record = restorable.record();
            try {
                long loading = System.nanoTime();
                LoadedPlugin plugin = loader.load(restorable.bundle(), record.accepted());
                StartPhases.took("plugin " + record.id(), loading);
                loaded.activate(plugin, record);
                if (record.state() != PluginState.ACTIVE) {
                    registry.save(record.withState(PluginState.ACTIVE, null).withUpdatedAt(clock.instant()));
                }
            } catch (PluginLoadException e) {
                if (e.error().equals(PluginLoadException.HOST_SHUTTING_DOWN)) {
                    // Not the plugin's fault: it keeps its state for the next start, and so do those not reached.
                    LOG.warn("The host is shutting down: plugins not restored yet stay as they are");
                    return;
                }
                restoreFailed(record, e);
            } catch (RuntimeException e) {
                restoreFailed(record, e);
            }
        }
        int pruned = registry.pruneUnreachableBundles();
        if (pruned > 0) {
            LOG.info("Deleted {} kept plugin bundle(s) left by operations the host did not finish", pruned);
        }
    }

    /**
     * Removes what installs the host died in had created: the plugin's new schema and role (a schema kept by an
     * earlier uninstall is left alone). Their bundles were never kept.
     */
    private void removeUnfinishedInstalls() {
        for (InstallJournal.Entry install : journal.unfinished()) {
            if (registry.find(install.pluginId()).isEmpty() && install.createsSchema()) {
                LOG.warn(
                        "The host stopped while installing plugin {} {}; dropping the schema and role that install"
                                + " created",
                        install.pluginId(),
                        install.version());
                loader.forget(install.pluginId());
            }
            journal.end(install.pluginId());
        }
    }

    /** A plugin to load at start, with the bundle of the version it is to run. */
    private record Restorable(PluginRecord record, PluginBundle bundle) {}

    private void restoreFailed(PluginRecord record, Exception e) {
        LOG.error("Plugin {} {} could not be restored: {}", record.id(), record.version(), e.getMessage(), e);
        registry.save(record.withState(PluginState.FAILED, e.getMessage()).withUpdatedAt(clock.instant()));
    }

    /**
     * @return the bundle of an upgrade interrupted after its migrations committed: when the schema has migrations
     *     the registered version does not know, the highest kept version, other than the registered and the
     *     previous one, that knows them all
     */
    private Optional<PluginBundle> interruptedUpgrade(PluginRecord record, PluginBundle registered) {
        if (schemas.migrationsUnknownTo(registered).isEmpty()) {
            return Optional.empty();
        }
        return registry.keptVersions(record.id()).stream()
                .filter(v -> !v.equals(record.version()) && !v.equals(record.previousVersion()))
                .map(v -> reader.read(registry.keptBytes(record.id(), v)))
                .filter(candidate -> schemas.migrationsUnknownTo(candidate).isEmpty())
                .max(Comparator.comparing(PluginBundle::version));
    }

    private PluginRecord finishUpgrade(PluginRecord record, PluginBundle bundle) {
        LOG.warn(
                "Plugin {}: the host stopped during the upgrade from {} to {} after its migrations were applied;"
                        + " finishing the upgrade",
                record.id(),
                record.version(),
                bundle.version());
        PluginRecord upgraded = record.withVersion(bundle, record.version()).withUpdatedAt(clock.instant());
        registry.save(upgraded, bundle);
        return upgraded;
    }
}

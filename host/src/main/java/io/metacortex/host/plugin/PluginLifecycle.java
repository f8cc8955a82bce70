package io.metacortex.host.plugin;

import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.host.code.CodeCheck;
import io.metacortex.host.code.CodeFinding;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.modules.ActiveModules;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades, rolls back, disables, enables and uninstalls plugins on the running host. Operations are
 * serialised; each either completes or leaves the registry, the schemas and the routes as they were. An upgrade
 * loads the new version beside the old one and switches the route atomically, so no request fails. No operation
 * runs a version on a schema with migrations that version does not know.
 *
 * <p>Every version loaded needs the admin's acceptance of the permissions it declares: those accepted before (kept
 * in the registry) plus those accepted with the operation. The registry then keeps exactly what the loaded version
 * declares, so permissions a version dropped must be accepted again by a later one that wants them back.
 *
 * <p>Switching versions and re-wiring the plugins that import from one is {@link LoadedPlugins}' job; bringing the
 * plugins back at start is {@link PluginRecovery}'s, run through {@link #restore} under the same lock.
 */
public final class PluginLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);
    private static final String NOTHING_INSTALLED = "Nothing was installed.";

    private final PluginRegistry registry;
    private final PluginBundleReader reader;
    private final PluginLoader loader;
    private final PluginSchemas schemas;
    private final LoadedPlugins loaded;
    private final PluginRecovery recovery;
    private final ActiveModules modules;
    private final PluginServices services;
    private final InstallJournal journal;
    private final CodeCheck code;
    private final PluginPreviews previews;
    private final Clock clock;

    PluginLifecycle(
            PluginRegistry registry,
            PluginBundleReader reader,
            PluginLoader loader,
            PluginSchemas schemas,
            LoadedPlugins loaded,
            PluginRecovery recovery,
            ActiveModules modules,
            PluginServices services,
            InstallJournal journal,
            CodeCheck code,
            PluginPreviews previews,
            Clock clock) {
        this.previews = previews;
        this.journal = journal;
        this.code = code;
        this.registry = registry;
        this.reader = reader;
        this.loader = loader;
        this.schemas = schemas;
        this.loaded = loaded;
        this.recovery = recovery;
        this.modules = modules;
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
    synchronized Optional<ClassLoader> classLoader(String id) {
        return loaded.classLoader(id);
    }

    /**
     * Installs a plugin that is not installed yet. When it was uninstalled with its data kept, the version installed
     * must know every migration of the kept schema.
     *
     * @param accepted the permissions the admin accepts; they must cover all the plugin declares
     */
    public synchronized PluginView install(byte[] jar, String source, Permissions accepted) {
        return install(jar, source, accepted, null);
    }

    /**
     * Installs as {@link #install(byte[], String, Permissions)} does, exactly as previewed.
     *
     * @param previewId the id of the preview of this jar with these permissions ({@code ?preview=}), or null
     * @throws HostException {@code 409}/{@code 422} when the install is not the one previewed, or no preview is given
     *     and {@code plugins.requirePreview} is on (see {@link PreviewTokens#require})
     */
    public synchronized PluginView install(byte[] jar, String source, Permissions accepted, String previewId) {
        PluginBundle bundle = reader.read(jar);
        previews.tokens()
                .require(
                        previewId,
                        bundle,
                        registry.find(bundle.id()).map(PluginRecord::version).orElse(null),
                        accepted,
                        NOTHING_INSTALLED);
        PluginView installed = install(bundle, source, accepted);
        previews.tokens().used(previewId);
        return installed;
    }

    /** Installs a bundle its caller has read already (the deploy folder). */
    public synchronized PluginView install(PluginBundle bundle, String source, Permissions accepted) {
        String id = bundle.id();
        registry.find(id).ifPresent(existing -> {
            throw new HostException(
                    Status.CONFLICT,
                    "plugin already installed",
                    "Plugin " + id
                            + " is already installed at version " + existing.version() + "; upgrade it with PUT"
                            + " /admin/plugins/" + id + ".");
        });
        requireSchemaKnownTo(
                bundle,
                "Plugin " + id + " was uninstalled with its data kept: its schema " + PluginSchema.schemaName(id),
                "install a version that knows them, or drop the kept schema and its"
                        + " data first with DELETE /admin/plugins/" + id + "?purge=true. " + NOTHING_INSTALLED);
        Permissions granted = requireAccepted(bundle, Permissions.NONE, accepted, NOTHING_INSTALLED);
        // Should the host die before the install is registered or refused, its next start removes what it created.
        journal.begin(bundle, !schemas.exists(id), clock.instant());
        PluginRecord record;
        LoadedPlugin next;
        try {
            next = load(bundle, granted, NOTHING_INSTALLED);
            record = PluginRecord.installed(bundle, source, granted.labels(), clock.instant());
            persistOrUnload(record, bundle, next);
        } finally {
            journal.end(id);
        }
        loaded.activate(next, record);
        LOG.info("Installed plugin {} {}", id, next.version());
        return view(record);
    }

    /**
     * Replaces an installed plugin by a newer version (or any version, with {@code force}) that knows every
     * migration of its schema.
     *
     * @param accepted the permissions the admin accepts now, beyond those accepted before
     */
    public synchronized PluginView upgrade(String id, byte[] jar, boolean force, String source, Permissions accepted) {
        return upgrade(id, jar, force, source, accepted, null);
    }

    /**
     * Upgrades as {@link #upgrade(String, byte[], boolean, String, Permissions)} does, exactly as previewed.
     *
     * @param previewId the id of the preview of this jar with these permissions at the installed version
     *     ({@code ?preview=}), or null
     * @throws HostException {@code 409}/{@code 422} when the upgrade is not the one previewed, or no preview is given
     *     and {@code plugins.requirePreview} is on (see {@link PreviewTokens#require})
     */
    public synchronized PluginView upgrade(
            String id, byte[] jar, boolean force, String source, Permissions accepted, String previewId) {
        PluginRecord current = require(id);
        PluginBundle bundle = reader.read(jar);
        previews.tokens()
                .require(
                        previewId,
                        bundle,
                        current.version(),
                        accepted,
                        "Version " + current.version() + " is unchanged.");
        PluginView upgraded = upgrade(current, bundle, force, source, accepted);
        previews.tokens().used(previewId);
        return upgraded;
    }

    /** Upgrades with a bundle its caller has read already (the deploy folder). */
    public synchronized PluginView upgrade(PluginBundle bundle, String source, Permissions accepted) {
        return upgrade(require(bundle.id()), bundle, false, source, accepted);
    }

    private PluginView upgrade(
            PluginRecord current, PluginBundle bundle, boolean force, String source, Permissions accepted) {
        String id = current.id();
        if (!bundle.id().equals(id)) {
            throw new HostException(
                    422,
                    "plugin id mismatch",
                    "The uploaded jar is plugin '" + bundle.id() + "', not '" + id + "'.",
                    null);
        }
        Version installed = Version.parseVersion(current.version());
        requireNewer(current, bundle, force);
        requireNotDisabled(current, "upgrade");
        String unchanged =
                "Version " + installed + " is unchanged" + (loaded.isLoaded(id) ? " and keeps serving." : ".");
        requireSchemaKnownTo(bundle, "The schema of plugin " + id, "upload a version that knows them. " + unchanged);
        Permissions granted = requireAccepted(bundle, current.accepted(), accepted, unchanged);
        boolean staged = registry.stage(bundle, clock.instant());
        LoadedPlugin next;
        PluginRecord record;
        try {
            next = load(bundle, granted, unchanged);
            String previous = bundle.version().equals(installed) ? current.previousVersion() : current.version();
            record = current.withVersion(bundle, previous)
                    .withState(PluginState.ACTIVE, null)
                    .withSource(source == null ? current.source() : source)
                    .withAcceptedPermissions(granted.labels())
                    .withUpdatedAt(clock.instant());
            persistOrUnload(record, bundle, next);
        } catch (RuntimeException e) {
            if (staged) {
                registry.unstage(bundle);
            }
            throw e;
        }
        loaded.activate(next, record);
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
            throw new HostException(
                    Status.CONFLICT,
                    "nothing to roll back to",
                    "Plugin " + id
                            + " has no previous version: it was installed at " + current.version()
                            + " and never upgraded.");
        }
        requireNotDisabled(current, "roll back");
        PluginBundle bundle = reader.read(registry.keptBytes(id, current.previousVersion()));
        requireSchemaKnownTo(bundle, "The schema of plugin " + id, "upgrade to a version that knows them.");
        String unchanged = "Version " + current.version() + " keeps serving.";
        Permissions granted = requireAccepted(bundle, current.accepted(), accepted, unchanged);
        LoadedPlugin next = load(bundle, granted, unchanged);
        PluginRecord record = current.withVersion(bundle, current.version())
                .withState(PluginState.ACTIVE, null)
                .withAcceptedPermissions(granted.labels())
                .withUpdatedAt(clock.instant());
        persistOrUnload(record, bundle, next);
        loaded.activate(next, record);
        LOG.info("Rolled plugin {} back from {} to {}", id, current.version(), next.version());
        return view(record);
    }

    /**
     * What installing (or, for an installed plugin, upgrading to) {@code jar} would do, changing nothing: the same
     * checks as the install or upgrade, all of them, each refusal listed.
     *
     * @param force as for an upgrade: a lower or equal version is not refused
     * @param accepted the permissions the admin would accept with the operation
     * @throws HostException as an install does for a jar that cannot be read (400) or whose metadata is wrong (422)
     */
    public PluginPreview preview(byte[] jar, boolean force, Permissions accepted) {
        PluginBundleReader.Inspected inspected = reader.inspect(jar);
        PluginBundle bundle = inspected.bundle();
        Optional<PluginRecord> current = registry.find(bundle.id());
        String unchanged = "Nothing was changed: this is a preview.";
        List<HostException> refusals = new ArrayList<>();
        current.ifPresent(installed -> {
            collect(refusals, () -> requireNewer(installed, bundle, force));
            collect(refusals, () -> requireNotDisabled(installed, "upgrade"));
        });
        collect(
                refusals,
                () -> requireSchemaKnownTo(
                        bundle,
                        "The schema of plugin " + bundle.id(),
                        (current.isPresent()
                                        ? "upload a version that knows them. "
                                        : "install a version that knows them, or purge the kept schema first. ")
                                + unchanged));
        Permissions before = current.map(PluginRecord::accepted).orElse(Permissions.NONE);
        Permissions toAccept = bundle.permissions().notCoveredBy(before.union(accepted));
        if (!toAccept.isEmpty()) {
            refusals.add(new PermissionsNotAcceptedException(bundle, toAccept, unchanged));
        }
        List<CodeFinding> findings = List.of();
        try {
            findings = code.findings(bundle.bytes());
            code.refusal(bundle.id(), bundle.id() + " " + bundle.version(), findings, unchanged)
                    .ifPresent(refusals::add);
        } catch (HostException e) {
            refusals.add(e);
        }
        return PluginPreview.of(
                bundle,
                current.map(PluginRecord::version).orElse(null),
                toAccept,
                code.isTrusted(bundle.id()),
                findings,
                refusals,
                previews.describe(inspected, current, accepted, unchanged));
    }

    private static void collect(List<HostException> refusals, Runnable check) {
        try {
            check.run();
        } catch (HostException e) {
            refusals.add(e);
        }
    }

    /** Withdraws the plugin's routes and unloads it; its registration and data are kept. */
    public synchronized PluginView disable(String id) {
        PluginRecord current = require(id);
        if (current.state() == PluginState.DISABLED) {
            return view(current);
        }
        loaded.requireNoDependents(id, "disabled");
        loaded.deactivate(id);
        PluginRecord record = current.withState(PluginState.DISABLED, null).withUpdatedAt(clock.instant());
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
        if (current.state() == PluginState.ACTIVE && loaded.isLoaded(id)) {
            return view(current);
        }
        PluginBundle bundle = reader.read(registry.keptBytes(id, current.version()));
        String unchanged = "The plugin stays " + current.state() + ".";
        Permissions granted = requireAccepted(bundle, current.accepted(), accepted, unchanged);
        LoadedPlugin next = load(bundle, granted, unchanged);
        PluginRecord record = current.withState(PluginState.ACTIVE, null)
                .withAcceptedPermissions(granted.labels())
                .withUpdatedAt(clock.instant());
        persistOrUnload(record, null, next);
        loaded.activate(next, record);
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
        return view(current.withEnabledByDefault(enabledByDefault).withUpdatedAt(now));
    }

    /**
     * Unloads and forgets the plugin; with {@code purge} its schema, data and secrets are dropped too. A plugin
     * uninstalled before without purge can be purged afterwards: its kept schema, data and secrets are dropped.
     */
    public synchronized void uninstall(String id, boolean purge) {
        if (purge && registry.find(id).isEmpty() && schemas.exists(id)) {
            forgetData(id);
            LOG.info("Dropped the schema kept for uninstalled plugin {}", id);
            return;
        }
        require(id);
        loaded.requireNoDependents(id, "uninstalled");
        loaded.deactivate(id);
        registry.delete(id);
        loader.forgetMetrics(id);
        services.forgetActivity(id);
        if (purge) {
            forgetData(id);
        }
        LOG.info("Uninstalled plugin {}{}", id, purge ? " and dropped its schema" : " (its data is kept)");
    }

    /**
     * Loads every plugin the registry says should be active, at start; see {@link PluginRecovery#restore}. One that
     * fails is marked FAILED, not fatal.
     */
    public synchronized void restore() {
        recovery.restore();
    }

    /** Unloads every plugin at shutdown; the registry keeps their states for the next start. */
    public synchronized void unloadAll() {
        loaded.unloadAll();
    }

    private void forgetData(String id) {
        loader.forget(id);
        services.forget(id);
    }

    /**
     * @throws HostException {@code 409 rollback refused} when the plugin's schema has migrations {@code bundle} does
     *     not know: migrations are forward-only, so that version cannot run on it
     */
    private void requireSchemaKnownTo(PluginBundle bundle, String schema, String instead) {
        List<String> unknown = schemas.migrationsUnknownTo(bundle);
        if (!unknown.isEmpty()) {
            throw new HostException(
                    Status.CONFLICT,
                    "rollback refused",
                    schema + " has migrations "
                            + String.join(
                                    ", ", unknown.stream().map(v -> "V" + v).toList()) + " that version "
                            + bundle.version() + " does not know. Migrations are forward-only, so " + bundle.version()
                            + " cannot run on this schema; " + instead);
        }
    }

    /**
     * @return the permissions {@code bundle} may be granted: all it declares, once covered by those accepted
     * @throws PermissionsNotAcceptedException naming what is not covered
     */
    private static Permissions requireAccepted(
            PluginBundle bundle, Permissions before, Permissions now, String unchanged) {
        Permissions missing = bundle.permissions().notCoveredBy(before.union(now));
        if (!missing.isEmpty()) {
            throw new PermissionsNotAcceptedException(bundle, missing, unchanged);
        }
        return bundle.permissions();
    }

    private PluginView view(PluginRecord record) {
        return PluginView.of(record, loaded.permissions(record.id()));
    }

    /**
     * Checks the bundle's code first: before any of it runs, and before its migrations.
     *
     * @throws HostException {@code 422 forbidden code} when the code refers to what plugins may not use (and the
     *     plugin is not trusted)
     */
    private LoadedPlugin load(PluginBundle bundle, Permissions granted, String unchanged) {
        code.require(bundle.id(), bundle.id() + " " + bundle.version(), bundle.bytes(), unchanged);
        try {
            return loader.load(bundle, granted);
        } catch (PluginLoadException e) {
            String kept = e.appliedMigrations().isEmpty()
                    ? ""
                    : " Migrations "
                            + String.join(
                                    ", ",
                                    e.appliedMigrations().stream()
                                            .map(v -> "V" + v)
                                            .toList())
                            + " stay applied to schema " + PluginSchema.schemaName(bundle.id()) + ".";
            int status = switch (e.error()) {
                case PluginLoadException.HOST_SHUTTING_DOWN -> 503;
                case PluginLoadException.WELL_KNOWN_NAME_TAKEN -> 409;
                default -> 422;
            };
            throw new HostException(status, e.error(), e.getMessage() + " " + unchanged + kept, e);
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

    private PluginRecord require(String id) {
        return registry.find(id)
                .orElseThrow(() -> new HostException(
                        Status.NOT_FOUND,
                        "plugin not found",
                        "No plugin with id '" + id + "' is installed; GET /admin/plugins lists them."));
    }

    private static void requireNewer(PluginRecord current, PluginBundle bundle, boolean force) {
        Version installed = Version.parseVersion(current.version());
        if (bundle.version().compareTo(installed) <= 0 && !force) {
            throw new HostException(
                    Status.CONFLICT,
                    "version not newer",
                    "Plugin " + current.id() + " is at "
                            + installed + " and the upload is " + bundle.version() + ". Upload a higher Bundle-Version,"
                            + " or add ?force=true to replace it anyway (use rollback to return to the previous version).");
        }
    }

    private static void requireNotDisabled(PluginRecord current, String action) {
        if (current.state() == PluginState.DISABLED) {
            throw new HostException(
                    Status.CONFLICT,
                    "plugin disabled",
                    "Plugin " + current.id() + " is disabled; enable it before you " + action + " it.");
        }
    }
}

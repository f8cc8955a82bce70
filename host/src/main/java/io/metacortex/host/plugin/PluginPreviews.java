package io.metacortex.host.plugin;

import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.felix.PackageImport;
import io.metacortex.host.openapi.ApiChanges;
import io.metacortex.host.openapi.BundleApi;
import io.metacortex.host.openapi.PluginApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a preview tells beyond the checks an install or upgrade makes: the jar's imports against what the host
 * exports, the migrations it would run and whether rollback stays possible after them, the permissions it adds or
 * drops, its signature, and how its API differs from the running version's. Reads only: Felix's exported packages,
 * the plugin's migration history, the registry's kept bundles, and the jars' classes, defined inert (see {@link
 * BundleApi}); it never loads a bundle in Felix nor runs a plugin's code.
 */
final class PluginPreviews {

    private static final Logger LOG = LoggerFactory.getLogger(PluginPreviews.class);

    private final PluginRegistry registry;
    private final PluginBundleReader reader;
    private final PluginSchemas schemas;
    private final FelixRuntime felix;
    private final PreviewTokens tokens;

    PluginPreviews(
            PluginRegistry registry,
            PluginBundleReader reader,
            PluginSchemas schemas,
            FelixRuntime felix,
            PreviewTokens tokens) {
        this.registry = registry;
        this.reader = reader;
        this.schemas = schemas;
        this.felix = felix;
        this.tokens = tokens;
    }

    PreviewTokens tokens() {
        return tokens;
    }

    /**
     * The facts of a preview, and the refusals they add (an import no export satisfies; with signatures required, a
     * signature that is not a trusted publisher's).
     */
    record Facts(
            String preview,
            Instant expiresAt,
            List<String> permissionsAdded,
            List<String> permissionsRemoved,
            List<PackageImport> imports,
            PluginPreview.Migrations migrations,
            BundleSignature signature,
            ApiChanges api,
            List<HostException> refusals) {}

    Facts describe(
            PluginBundleReader.Inspected jar, Optional<PluginRecord> current, Permissions accepted, String unchanged) {
        PluginBundle bundle = jar.bundle();
        List<HostException> refusals = new ArrayList<>();
        jar.signature().refusalIfAny().ifPresent(refusals::add);
        List<PackageImport> imports = PackageImport.check(jar.importPackage(), felix.exportedPackages());
        List<String> unresolved = imports.stream()
                .filter(i -> !i.resolved() && !i.optional())
                .map(i -> i.available().isEmpty()
                        ? "package " + i.name() + " (version " + i.range() + ") is not exported by this host or any"
                                + " installed plugin"
                        : "package " + i.name() + " version " + i.range() + " is required, but this host exports "
                                + String.join(", ", i.available()))
                .toList();
        if (!unresolved.isEmpty()) {
            refusals.add(new HostException(
                    422,
                    "plugin cannot be resolved",
                    "Plugin " + bundle.id() + " " + bundle.version() + " cannot run on this host: "
                            + String.join("; ", unresolved) + ". " + unchanged,
                    null));
        }
        List<String> before = current.map(c -> c.accepted().labels()).orElse(List.of());
        List<String> after = bundle.permissions().labels();
        PreviewTokens.Issued issued =
                tokens.issue(bundle, current.map(PluginRecord::version).orElse(null), accepted);
        return new Facts(
                issued.id(),
                issued.expiresAt(),
                after.stream().filter(p -> !before.contains(p)).toList(),
                before.stream().filter(p -> !after.contains(p)).toList(),
                imports,
                migrations(bundle, current),
                jar.signature(),
                api(bundle, current),
                refusals);
    }

    /** The scripts not applied yet, and whether the version a rollback would return to knows them all. */
    private PluginPreview.Migrations migrations(PluginBundle bundle, Optional<PluginRecord> current) {
        List<MigrationVersion> applied = schemas.applied(bundle.id()).stream()
                .map(MigrationVersion::fromVersion)
                .toList();
        List<MigrationScript> pending = bundle.migrations().stream()
                .filter(MigrationScript::hasValidName)
                .filter(script -> !applied.contains(MigrationVersion.fromVersion(PluginBundle.versionOf(script))))
                .toList();
        List<String> files = pending.stream().map(MigrationScript::fileName).toList();
        if (current.isEmpty()) {
            return new PluginPreview.Migrations(files, null, null);
        }
        PluginRecord installed = current.get();
        String back = bundle.version().toString().equals(installed.version())
                ? installed.previousVersion()
                : installed.version();
        if (back == null) {
            return new PluginPreview.Migrations(
                    files, false, "Plugin " + bundle.id() + " would have no previous version to roll back to.");
        }
        List<MigrationVersion> known;
        try {
            known = reader.read(registry.keptBytes(bundle.id(), back)).migrationVersions().stream()
                    .map(MigrationVersion::fromVersion)
                    .toList();
        } catch (RuntimeException e) {
            return new PluginPreview.Migrations(
                    files, false, "The kept bundle of version " + back + " cannot be read: " + e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        for (MigrationVersion version : applied) {
            if (!known.contains(version)) {
                unknown.add("V" + version);
            }
        }
        for (MigrationScript script : pending) {
            if (!known.contains(MigrationVersion.fromVersion(PluginBundle.versionOf(script)))) {
                unknown.add("V" + PluginBundle.versionOf(script));
            }
        }
        if (unknown.isEmpty()) {
            return new PluginPreview.Migrations(
                    files, true, "A rollback to " + back + " stays possible: it knows every migration of the schema.");
        }
        return new PluginPreview.Migrations(
                files,
                false,
                "A rollback to " + back + " would be refused afterwards: it does not know " + String.join(", ", unknown)
                        + ", and migrations are forward-only.");
    }

    /** The new version's API against the running one's (none, for an install), both read from their jars. */
    private ApiChanges api(PluginBundle bundle, Optional<PluginRecord> current) {
        try {
            PluginApi from = current.isEmpty()
                    ? ApiChanges.none(bundle.id())
                    : read(reader.read(
                            registry.keptBytes(bundle.id(), current.get().version())));
            return ApiChanges.between(from, read(bundle));
        } catch (BundleApi.UnreadableApiException e) {
            return ApiChanges.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("The API of {} {} could not be compared: {}", bundle.id(), bundle.version(), e.toString(), e);
            return ApiChanges.unavailable("The APIs could not be compared: " + e.getMessage());
        }
    }

    private static PluginApi read(PluginBundle bundle) {
        return BundleApi.read(
                bundle.id(), bundle.name(), bundle.version().toString(), bundle.description(), bundle.bytes());
    }
}

package io.metacortex.host.plugin;

import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginSchema;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/** The plugins' schemas as the lifecycle needs them: whether one is there, and what its history has applied. */
final class PluginSchemas {

    private final DataSource dataSource;

    PluginSchemas(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return whether the plugin has a schema, e.g. one kept when it was uninstalled without purge */
    boolean exists(String pluginId) {
        return PluginSchema.exists(dataSource, pluginId);
    }

    /** @return the migration versions applied to the plugin's schema, in order; none without a schema */
    List<String> applied(String pluginId) {
        return PluginMigrator.appliedVersions(dataSource, pluginId);
    }

    /**
     * @return the migration versions applied to the schema of the bundle's plugin that the bundle does not carry,
     *     e.g. {@code [2]}; migrations are forward-only, so a bundle with any cannot run on that schema
     */
    List<String> migrationsUnknownTo(PluginBundle bundle) {
        List<String> applied = PluginMigrator.appliedVersions(dataSource, bundle.id());
        if (applied.isEmpty()) {
            return List.of();
        }
        List<MigrationVersion> known = bundle.migrationVersions().stream()
                .map(MigrationVersion::fromVersion)
                .toList();
        return applied.stream()
                .filter(version -> !known.contains(MigrationVersion.fromVersion(version)))
                .toList();
    }
}

package io.metacortex.host.plugin;

import io.metacortex.db.plugin.PluginMigrator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/** The plugins' schemas as the lifecycle needs them: what a schema's history has applied. */
final class PluginSchemas {

    private final DataSource dataSource;

    PluginSchemas(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return the migration versions applied to the schema of the bundle's plugin that the bundle does not carry,
     *     e.g. {@code [2]}; migrations are forward-only, so a bundle with any cannot run on that schema
     */
    List<String> migrationsUnknownTo(PluginBundle bundle) {
        List<MigrationVersion> known = bundle.migrationVersions().stream().map(MigrationVersion::fromVersion).toList();
        return PluginMigrator.appliedVersions(dataSource, bundle.id()).stream()
                .filter(applied -> !known.contains(MigrationVersion.fromVersion(applied)))
                .toList();
    }
}

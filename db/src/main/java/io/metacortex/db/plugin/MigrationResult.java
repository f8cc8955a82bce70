package io.metacortex.db.plugin;

import java.util.List;

/**
 * What one {@link PluginMigrator#migrate} call did.
 *
 * @param schema the plugin's schema, e.g. {@code plugin_tasks}
 * @param appliedVersions the versions applied by this call, in order, e.g. {@code ["2", "3"]}; empty when the
 *     schema was already up to date
 */
public record MigrationResult(String schema, List<String> appliedVersions) {

    public MigrationResult {
        appliedVersions = List.copyOf(appliedVersions);
    }
}

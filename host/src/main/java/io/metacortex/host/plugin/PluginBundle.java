package io.metacortex.host.plugin;

import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.host.modules.SettingsSchema;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * An uploaded plugin jar that passed validation: its metadata, migrations, settings schema, the packages it exports
 * to other plugins (its service API, usually none), the RFC 6764 names it answers (name to path under its base path)
 * and bytes.
 */
public record PluginBundle(
        String id,
        String name,
        String description,
        Version version,
        String symbolicName,
        String pluginClass,
        Permissions permissions,
        List<MigrationScript> migrations,
        SettingsSchema settingsSchema,
        List<String> exportedPackages,
        Map<String, String> wellKnown,
        String sha256,
        byte[] bytes) {

    /**
     * @return the migration versions this bundle knows, e.g. {@code 1}, {@code 2}; a misnamed script has none (and
     *     loading the bundle refuses it)
     */
    public List<String> migrationVersions() {
        return migrations.stream()
                .filter(MigrationScript::hasValidName)
                .map(PluginBundle::versionOf)
                .toList();
    }

    static String versionOf(MigrationScript script) {
        String name = script.fileName();
        int end = name.indexOf("__");
        return (end < 0 ? name : name.substring(1, end)).replace('_', '.');
    }
}

package io.metacortex.host.plugin;

import java.time.Instant;
import java.util.List;

/**
 * A row of the plugin registry ({@code metacortex.plugins}). A change is a copy made by the {@code with...} method
 * naming what changes.
 *
 * @param acceptedPermissions the labels ({@link Permissions#labels()}) the admin accepted: those the version
 *     declares
 */
public record PluginRecord(
        String id,
        String name,
        String description,
        String version,
        String previousVersion,
        PluginState state,
        String failureReason,
        String source,
        Instant installedAt,
        Instant updatedAt,
        List<String> acceptedPermissions,
        boolean enabledByDefault) {

    /** @return the row of a plugin installed now at the bundle's version, active and on by default */
    static PluginRecord installed(PluginBundle bundle, String source, List<String> acceptedPermissions, Instant now) {
        return new PluginRecord(
                bundle.id(),
                bundle.name(),
                bundle.description(),
                bundle.version().toString(),
                null,
                PluginState.ACTIVE,
                null,
                source,
                now,
                now,
                List.copyOf(acceptedPermissions),
                true);
    }

    /** @return the permissions the admin accepted, to check a version's against */
    Permissions accepted() {
        return Permissions.fromLabels(acceptedPermissions);
    }

    /** @return this plugin running the bundle's version (with its name and description), after {@code previous} */
    PluginRecord withVersion(PluginBundle bundle, String previous) {
        return new PluginRecord(
                id,
                bundle.name(),
                bundle.description(),
                bundle.version().toString(),
                previous,
                state,
                failureReason,
                source,
                installedAt,
                updatedAt,
                acceptedPermissions,
                enabledByDefault);
    }

    /** @param reason why the plugin failed, or null */
    PluginRecord withState(PluginState newState, String reason) {
        return new PluginRecord(
                id,
                name,
                description,
                version,
                previousVersion,
                newState,
                reason,
                source,
                installedAt,
                updatedAt,
                acceptedPermissions,
                enabledByDefault);
    }

    PluginRecord withSource(String newSource) {
        return new PluginRecord(
                id,
                name,
                description,
                version,
                previousVersion,
                state,
                failureReason,
                newSource,
                installedAt,
                updatedAt,
                acceptedPermissions,
                enabledByDefault);
    }

    PluginRecord withUpdatedAt(Instant now) {
        return new PluginRecord(
                id,
                name,
                description,
                version,
                previousVersion,
                state,
                failureReason,
                source,
                installedAt,
                now,
                acceptedPermissions,
                enabledByDefault);
    }

    PluginRecord withAcceptedPermissions(List<String> labels) {
        return new PluginRecord(
                id,
                name,
                description,
                version,
                previousVersion,
                state,
                failureReason,
                source,
                installedAt,
                updatedAt,
                List.copyOf(labels),
                enabledByDefault);
    }

    PluginRecord withEnabledByDefault(boolean enabled) {
        return new PluginRecord(
                id,
                name,
                description,
                version,
                previousVersion,
                state,
                failureReason,
                source,
                installedAt,
                updatedAt,
                acceptedPermissions,
                enabled);
    }
}

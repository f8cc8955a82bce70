package io.metacortex.host.plugin;

import java.time.Instant;
import java.util.List;

/**
 * A row of the plugin registry ({@code metacortex.plugins}).
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

    PluginRecord withState(PluginState newState, String reason, Instant now) {
        return new PluginRecord(id, name, description, version, previousVersion, newState, reason, source,
                installedAt, now, acceptedPermissions, enabledByDefault);
    }

    PluginRecord withAcceptedPermissions(List<String> labels) {
        return new PluginRecord(id, name, description, version, previousVersion, state, failureReason, source,
                installedAt, updatedAt, List.copyOf(labels), enabledByDefault);
    }
}

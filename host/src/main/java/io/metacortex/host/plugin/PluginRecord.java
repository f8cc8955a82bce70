package io.metacortex.host.plugin;

import java.time.Instant;

/** A row of the plugin registry ({@code metacortex.plugins}). */
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
        boolean enabledByDefault) {

    PluginRecord withState(PluginState newState, String reason, Instant now) {
        return new PluginRecord(id, name, description, version, previousVersion, newState, reason, source,
                installedAt, now, enabledByDefault);
    }
}

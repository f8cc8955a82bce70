package io.metacortex.host.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.host.routing.PluginRouter;
import java.time.Instant;
import java.util.List;

/**
 * A plugin as the admin API shows it.
 *
 * @param permissions what the running version declares (absent while no version runs)
 * @param acceptedPermissions what the admin accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginView(
        String id,
        String name,
        String description,
        String version,
        String previousVersion,
        PluginState state,
        boolean enabledByDefault,
        String failureReason,
        String basePath,
        String source,
        Instant installedAt,
        Instant updatedAt,
        List<String> permissions,
        List<String> acceptedPermissions) {

    /** @param permissions the labels the running version declares, or null when none runs */
    static PluginView of(PluginRecord r, List<String> permissions) {
        return new PluginView(
                r.id(),
                r.name(),
                r.description(),
                r.version(),
                r.previousVersion(),
                r.state(),
                r.enabledByDefault(),
                r.failureReason(),
                PluginRouter.basePath(r.id()),
                r.source(),
                r.installedAt(),
                r.updatedAt(),
                permissions,
                r.acceptedPermissions());
    }
}

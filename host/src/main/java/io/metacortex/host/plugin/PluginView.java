package io.metacortex.host.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.host.routing.PluginRouter;
import java.time.Instant;

/** A plugin as the admin API shows it. */
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
        Instant updatedAt) {

    static PluginView of(PluginRecord r) {
        return new PluginView(r.id(), r.name(), r.description(), r.version(), r.previousVersion(), r.state(),
                r.enabledByDefault(), r.failureReason(), PluginRouter.basePath(r.id()), r.source(), r.installedAt(), r.updatedAt());
    }
}

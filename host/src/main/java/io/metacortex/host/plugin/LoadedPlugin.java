package io.metacortex.host.plugin;

import io.metacortex.host.openapi.PluginApi;
import io.metacortex.host.routing.PluginRoute;
import io.metacortex.plugin.api.Plugin;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;

/**
 * A plugin version that is installed in Felix, migrated, started and has a route ready to serve, and its part of
 * the OpenAPI document (read when first asked for).
 */
record LoadedPlugin(
        PluginBundle bundle,
        Bundle osgiBundle,
        Plugin plugin,
        HostPluginContext context,
        PluginRoute route,
        Supplier<PluginApi> api,
        PluginDatabases.PluginDatabase database) {

    String version() {
        return bundle.version().toString();
    }
}

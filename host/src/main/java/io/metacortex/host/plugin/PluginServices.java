package io.metacortex.host.plugin;

import io.metacortex.host.modules.SettingsSchema;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.SecretStore;
import io.metacortex.plugin.api.UserDirectory;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The host capabilities behind a plugin's context; {@link HostPluginContext} checks permissions first. */
public interface PluginServices {

    UserDirectory users();

    SecretStore secrets(String pluginId);

    /** @param hosts the host names (or {@code *.domain} patterns) the plugin declared */
    OutboundHttp http(String pluginId, Set<String> hosts);

    /** @param schema the settings schema of the plugin version asking */
    Map<String, Object> userSettings(String pluginId, SettingsSchema schema, UUID userId);

    /** Deletes what the host keeps for the plugin outside its schema (its secrets, its jobs): uninstall with purge. */
    void forget(String pluginId);

    /** Drops what the host recorded of the plugin's activity (its outbound breakers and metrics): uninstall. */
    void forgetActivity(String pluginId);
}

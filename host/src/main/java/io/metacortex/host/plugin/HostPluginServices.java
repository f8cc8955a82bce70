package io.metacortex.host.plugin;

import io.metacortex.host.events.EventHost;
import io.metacortex.host.identity.UserStore;
import io.metacortex.host.jobs.JobHost;
import io.metacortex.host.modules.SettingsSchema;
import io.metacortex.host.modules.UserModules;
import io.metacortex.host.secrets.StoredSecrets;
import io.metacortex.outbound.OutboundClients;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.SecretStore;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.api.UserDirectory;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The host's implementation of the capabilities plugins may be granted. */
public final class HostPluginServices implements PluginServices {

    private final UserDirectory users;
    private final UserModules modules;
    private final StoredSecrets secrets;
    private final OutboundClients outbound;
    private final JobHost jobs;
    private final EventHost events;

    public HostPluginServices(
            UserStore userStore,
            UserModules modules,
            StoredSecrets secrets,
            OutboundClients outbound,
            JobHost jobs,
            EventHost events) {
        this.jobs = jobs;
        this.events = events;
        this.modules = modules;
        this.secrets = secrets;
        this.outbound = outbound;
        this.users = id -> userStore.find(id).filter(user -> !user.disabled()).map(user -> (User) user);
    }

    @Override
    public UserDirectory users() {
        return users;
    }

    @Override
    public SecretStore secrets(String pluginId) {
        return secrets.forPlugin(pluginId);
    }

    @Override
    public OutboundHttp http(String pluginId, Set<String> hosts) {
        return outbound.client(pluginId, hosts);
    }

    @Override
    public Map<String, Object> userSettings(String pluginId, SettingsSchema schema, UUID userId) {
        return modules.settings(pluginId, schema, userId);
    }

    @Override
    public void forget(String pluginId) {
        secrets.deleteAll(pluginId);
        jobs.forget(pluginId);
        events.forget(pluginId);
    }

    @Override
    public void forgetActivity(String pluginId) {
        outbound.forget(pluginId);
    }
}

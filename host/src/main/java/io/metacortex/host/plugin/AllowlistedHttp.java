package io.metacortex.host.plugin;

import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.PluginPermissions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Outbound HTTP for one plugin, to the hosts it declared ({@code api.example.com} or {@code *.example.com}). */
final class AllowlistedHttp implements OutboundHttp {

    private static final Logger LOG = LoggerFactory.getLogger(AllowlistedHttp.class);

    private final HttpClient client;
    private final String pluginId;
    private final Set<String> hosts;

    AllowlistedHttp(HttpClient client, String pluginId, Set<String> hosts) {
        this.client = client;
        this.pluginId = pluginId;
        this.hosts = hosts;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBody)
            throws IOException, InterruptedException {
        String host = request.uri().getHost();
        if (host == null || !allowed(host.toLowerCase(Locale.ROOT))) {
            LOG.error("Plugin {} tried to call {}, a host it did not declare", pluginId, request.uri());
            throw new PluginPermissionException("Plugin " + pluginId + " may not call " + host + ": "
                    + PluginPermissions.HTTP_OUTBOUND + " names only " + hosts + ".");
        }
        return client.send(request, responseBody);
    }

    boolean allowed(String host) {
        for (String pattern : hosts) {
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}

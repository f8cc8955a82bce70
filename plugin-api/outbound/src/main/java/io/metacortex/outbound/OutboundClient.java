package io.metacortex.outbound;

import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.PluginPermissions;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound HTTP for one plugin, to the hosts it declared ({@code api.example.com} or {@code *.example.com}), each
 * call guarded by the plugin's {@link PluginGuards}.
 */
final class OutboundClient implements OutboundHttp {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundClient.class);

    private final PluginGuards guards;
    private final OutboundMetrics metrics;
    private final Clock clock;
    private final Set<String> hosts;

    OutboundClient(PluginGuards guards, OutboundMetrics metrics, Clock clock, Set<String> hosts) {
        this.guards = guards;
        this.metrics = metrics;
        this.clock = clock;
        this.hosts = hosts;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBody)
            throws IOException, InterruptedException {
        return send(request, responseBody, guards.policy.attempts());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBody, int maxAttempts)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(responseBody, "responseBody");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        String host = declaredHost(request);
        int attempts = Math.min(maxAttempts, guards.policy.maxAttempts());
        return new OutboundCall<>(guards, metrics, clock, host, request, responseBody, attempts).send();
    }

    private String declaredHost(HttpRequest request) {
        String host = request.uri().getHost();
        String normalized = host == null ? null : host.toLowerCase(Locale.ROOT);
        if (normalized == null || !allowed(normalized)) {
            // The host only: the rest of the URI may carry a token.
            LOG.error("Plugin {} tried to call {}, a host it did not declare", guards.pluginId, host);
            throw new PluginPermissionException("Plugin " + guards.pluginId + " may not call " + host + ": "
                    + PluginPermissions.HTTP_OUTBOUND + " names only " + hosts + ".");
        }
        return normalized;
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

package io.metacortex.plugin.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends HTTP requests to the hosts the plugin declared with the permission {@value PluginPermissions#HTTP_OUTBOUND}
 * (e.g. {@code http:outbound;hosts="production.plaid.com"}); a request to any other host is refused with a
 * {@link PluginPermissionException} before it leaves the machine.
 *
 * @since 1.1
 */
@ProviderType
public interface OutboundHttp {

    /**
     * Sends the request.
     *
     * @throws PluginPermissionException when the request's host was not declared
     * @throws IOException when the request fails
     * @throws InterruptedException when interrupted while waiting
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBody)
            throws IOException, InterruptedException;
}

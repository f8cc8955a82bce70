package io.metacortex.plugin.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends HTTP requests to the hosts the plugin declared with the permission {@value PluginPermissions#HTTP_OUTBOUND}
 * (e.g. {@code http:outbound;hosts="production.plaid.com"}); a request to any other host is refused with a
 * {@link PluginPermissionException} before it leaves the machine. Redirects are not followed.
 *
 * <p>Since 1.3 the host guards every call, with limits the admin configures ({@code http.outbound}):
 *
 * <ul>
 *   <li><b>Timeouts.</b> The request's own {@link HttpRequest#timeout()} bounds each attempt (connecting and waiting
 *       for the response headers); a request without one gets the host's default, and one above the host's maximum
 *       is lowered to it. Connecting has a timeout of its own, set by the admin.
 *   <li><b>Retries</b> with exponential backoff: an idempotent request (GET, HEAD, OPTIONS, TRACE, PUT, DELETE, or
 *       any request carrying an {@value #IDEMPOTENCY_KEY} header) is sent again after a failure to connect, a
 *       timeout or another I/O error, and after a {@code 429}, {@code 502}, {@code 503} or {@code 504}. Any other
 *       request (POST, PATCH) is sent again only when it cannot have been processed: the connection was never made,
 *       or the server answered {@code 429} or {@code 503}. A {@code Retry-After} header (seconds or an HTTP date) is
 *       honoured: the next attempt is not sent before it, and when it asks for longer than the host waits, the host
 *       gives up at once ({@link RetriesExhaustedException#retryAfter()} says how long the server asked for).
 *   <li><b>A circuit breaker per target host</b> (for this plugin): when too many recent calls to a host failed
 *       (I/O errors, timeouts, {@code 5xx} answers), calls to it are refused at once with
 *       {@link CircuitOpenException} for a while, then a few trial calls go through, and their success closes the
 *       breaker again.
 *   <li><b>A concurrency limit per plugin:</b> beyond it, a call is refused with {@link ConcurrencyLimitException}.
 * </ul>
 *
 * <p>The response of the last attempt is returned whatever its status, except for a retryable status ({@code 429},
 * {@code 503}, and {@code 502}, {@code 504} for idempotent requests) that is still there when the attempts are used
 * up: that is a {@link RetriesExhaustedException} (the bodies of such answers are discarded). A request that failed
 * and was sent again fails, when the last attempt fails too, with a {@link RetriesExhaustedException} whose cause is
 * that failure; one sent once fails with the failure itself ({@link HttpTimeoutException} for a timeout). All
 * exceptions the host adds extend {@link OutboundHttpException}, an {@link IOException}, so code written for 1.1
 * and 1.2 still handles them; their messages name the host, never the path, query, headers or body of the request.
 *
 * @since 1.1
 */
@ProviderType
public interface OutboundHttp {

    /**
     * The request header that marks a request idempotent whatever its method, e.g. a POST to a payment API that
     * deduplicates by this key: such a request is retried like a GET.
     *
     * @since 1.3
     */
    String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * Sends the request, retried as the host's default number of attempts allows.
     *
     * @throws PluginPermissionException when the request's host was not declared
     * @throws HttpTimeoutException when the request timed out and was not sent again (a POST, or one attempt only)
     * @throws RetriesExhaustedException when the request was sent again and the last attempt still failed or
     *     answered a retryable status, or when {@code Retry-After} asked for a longer wait than the host allows
     * @throws CircuitOpenException when the host's circuit breaker is open
     * @throws ConcurrencyLimitException when the plugin has as many calls in flight as it may
     * @throws IOException when the request fails otherwise
     * @throws InterruptedException when interrupted while waiting
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBody)
            throws IOException, InterruptedException;

    /**
     * Sends the request at most {@code maxAttempts} times (and no more than the host allows): {@code 1} sends it
     * once and returns whatever answer comes, e.g. for a caller who is waiting and would rather retry later itself;
     * a larger number suits work in the background. Otherwise as {@link #send(HttpRequest,
     * HttpResponse.BodyHandler)}.
     *
     * @param maxAttempts how many times at most the request is sent, at least 1
     * @throws IllegalArgumentException when {@code maxAttempts} is less than 1
     * @since 1.3
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBody, int maxAttempts)
            throws IOException, InterruptedException;
}

package io.metacortex.outbound;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.metacortex.outbound.OutboundMetrics.Failure;
import io.metacortex.plugin.api.CircuitOpenException;
import io.metacortex.plugin.api.ConcurrencyLimitException;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.RetriesExhaustedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of a plugin: within its concurrency limit (bulkhead), each attempt through the target host's circuit
 * breaker, retried as {@link OutboundHttp} promises. Messages name the host only: the path, query, headers and
 * body may hold secrets.
 */
final class OutboundCall<T> {

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double BACKOFF_JITTER = 0.5;

    private final PluginGuards guards;
    private final OutboundMetrics metrics;
    private final Clock clock;
    private final String host;
    private final HttpRequest request;
    private final HttpResponse.BodyHandler<T> responseBody;
    private final int attempts;
    private final boolean idempotent;
    private final AtomicInteger sent = new AtomicInteger();

    OutboundCall(
            PluginGuards guards,
            OutboundMetrics metrics,
            Clock clock,
            String host,
            HttpRequest request,
            HttpResponse.BodyHandler<T> responseBody,
            int attempts) {
        this.guards = guards;
        this.metrics = metrics;
        this.clock = clock;
        this.host = host;
        this.request = withTimeout(request, guards.policy);
        this.responseBody = responseBody;
        this.attempts = attempts;
        this.idempotent = idempotent(request);
    }

    HttpResponse<T> send() throws IOException, InterruptedException {
        long started = System.nanoTime();
        try {
            HttpResponse<T> response = outcome(run());
            metrics.answered(
                    guards.pluginId,
                    host,
                    response.statusCode(),
                    sent.get(),
                    Duration.ofNanos(System.nanoTime() - started));
            return response;
        } catch (IOException e) {
            metrics.failed(
                    guards.pluginId, host, failure(e), sent.get(), Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    private Attempt<T> run() throws IOException, InterruptedException {
        CircuitBreaker breaker = guards.breaker(host);
        CheckedSupplier<Attempt<T>> call = Bulkhead.decorateCheckedSupplier(
                guards.bulkhead,
                Retry.decorateCheckedSupplier(retry(), CircuitBreaker.decorateCheckedSupplier(breaker, this::attempt)));
        try {
            return call.get();
        } catch (BulkheadFullException e) {
            int limit = guards.policy.maxConcurrentCalls();
            throw new ConcurrencyLimitException(
                    host,
                    limit,
                    "Plugin " + guards.pluginId + " already has " + limit + " outbound calls in flight, the most it"
                            + " may; " + host + " was not called.");
        } catch (CallNotPermittedException e) {
            throw new CircuitOpenException(
                    host,
                    "Calls to " + host + " are suspended for a while: too many of the latest failed (circuit breaker"
                            + " open). Nothing was sent; retry later.");
        } catch (CancellationException | AcquirePermissionCancelledException e) {
            // The retry's wait, or the wait for a free slot, was interrupted; the interrupt flag is set again.
            Thread.interrupted();
            throw new InterruptedException("Interrupted while waiting to call " + host);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting to call " + host + " again");
            }
            if (sent.get() > 1) {
                throw new RetriesExhaustedException(
                        host,
                        sent.get(),
                        0,
                        null,
                        host + " failed " + sent.get() + " times; the last attempt " + describe(e) + ".",
                        e);
            }
            throw e;
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Unexpected failure calling " + host, e);
        }
    }

    private Attempt<T> attempt() throws IOException, InterruptedException {
        sent.incrementAndGet();
        HttpResponse<T> response = guards.client.send(
                request,
                info -> discarded(info.statusCode())
                        ? HttpResponse.BodySubscribers.replacing(null)
                        : responseBody.apply(info));
        boolean retryable = discarded(response.statusCode());
        return new Attempt<>(
                response,
                retryable,
                retryable ? RetryAfter.of(response.headers(), clock).orElse(null) : null);
    }

    /** An answer that will be retried, or end in {@link RetriesExhaustedException}: its body is not read. */
    private boolean discarded(int status) {
        return attempts > 1 && (status == 429 || status == 503 || (idempotent && (status == 502 || status == 504)));
    }

    private Retry retry() {
        OutboundPolicy policy = guards.policy;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                Math.max(1, policy.initialBackoff().toMillis()),
                BACKOFF_MULTIPLIER,
                BACKOFF_JITTER,
                Math.max(1, policy.maxBackoff().toMillis()));
        RetryConfig config = RetryConfig.<Attempt<T>>custom()
                .maxAttempts(attempts)
                .retryOnResult(attempt -> attempt.retryable() && !waitsTooLong(attempt.retryAfter()))
                .retryOnException(this::mayResend)
                .intervalBiFunction((Integer failures, Either<Throwable, Attempt<T>> last) ->
                        last.isRight() && last.get().retryAfter() != null
                                ? last.get().retryAfter().toMillis()
                                : backoff.apply(failures))
                .build();
        return Retry.of("outbound-" + guards.pluginId, config);
    }

    /** A request that may have reached the server is sent again only when repeating it is harmless. */
    private boolean mayResend(Throwable failure) {
        if (!(failure instanceof IOException)) {
            return false;
        }
        return idempotent || failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
    }

    private boolean waitsTooLong(Duration retryAfter) {
        return retryAfter != null && retryAfter.compareTo(guards.policy.maxRetryAfter()) > 0;
    }

    private HttpResponse<T> outcome(Attempt<T> last) throws RetriesExhaustedException {
        if (!last.retryable()) {
            return last.response();
        }
        int status = last.status();
        Duration retryAfter = last.retryAfter();
        if (waitsTooLong(retryAfter)) {
            throw new RetriesExhaustedException(
                    host,
                    sent.get(),
                    status,
                    retryAfter,
                    host + " answered " + status + " and asked to retry after " + retryAfter.toSeconds()
                            + " s, longer than the host waits ("
                            + guards.policy.maxRetryAfter().toSeconds() + " s).",
                    null);
        }
        throw new RetriesExhaustedException(
                host,
                sent.get(),
                status,
                retryAfter,
                host + " still answered " + status + " after " + sent.get() + " attempts.",
                null);
    }

    private static boolean idempotent(HttpRequest request) {
        return IDEMPOTENT_METHODS.contains(request.method())
                || request.headers().firstValue(OutboundHttp.IDEMPOTENCY_KEY).isPresent();
    }

    /** The request with its own timeout, no longer than the maximum, or the default when it has none. */
    private static HttpRequest withTimeout(HttpRequest request, OutboundPolicy policy) {
        Duration wanted = request.timeout().orElse(policy.readTimeout());
        Duration timeout = wanted.compareTo(policy.maxReadTimeout()) > 0 ? policy.maxReadTimeout() : wanted;
        if (request.timeout().filter(timeout::equals).isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(timeout)
                .build();
    }

    private static String describe(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "timed out connecting";
        }
        if (failure instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (failure instanceof ConnectException) {
            return "could not connect";
        }
        return "failed with an I/O error";
    }

    static Failure failure(IOException e) {
        if (e instanceof RetriesExhaustedException) {
            return Failure.RETRIES_EXHAUSTED;
        }
        if (e instanceof CircuitOpenException) {
            return Failure.CIRCUIT_OPEN;
        }
        if (e instanceof ConcurrencyLimitException) {
            return Failure.CONCURRENCY_LIMIT;
        }
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return Failure.CONNECT;
        }
        return e instanceof HttpTimeoutException ? Failure.TIMEOUT : Failure.IO;
    }
}

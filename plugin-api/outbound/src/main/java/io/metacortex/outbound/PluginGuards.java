package io.metacortex.outbound;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin's guards, kept across its versions until it is uninstalled: its policy, the client it sends with, its
 * concurrency limit (a bulkhead) and a circuit breaker per target host.
 */
final class PluginGuards {

    private static final Logger LOG = LoggerFactory.getLogger(PluginGuards.class);

    final String pluginId;
    final OutboundPolicy policy;
    final HttpClient client;
    final Bulkhead bulkhead;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    PluginGuards(String pluginId, OutboundPolicy policy, HttpClient client) {
        this.pluginId = pluginId;
        this.policy = policy;
        this.client = client;
        this.bulkhead = Bulkhead.of(
                "outbound-" + pluginId,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(policy.maxConcurrentCalls())
                        .maxWaitDuration(policy.concurrencyWait())
                        .build());
        OutboundPolicy.Breaker breaker = policy.breaker();
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.windowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openDuration())
                .permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
                // Half-open shows in the metrics once the wait is over, not only at the next call.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // A failure is no answer at all (connect, timeout, I/O) or a 5xx; a 4xx is the caller's problem.
                .recordException(e -> e instanceof IOException)
                .ignoreExceptions(InterruptedException.class)
                .recordResult(result -> result instanceof Attempt<?> attempt && attempt.status() >= 500)
                .build();
    }

    CircuitBreaker breaker(String host) {
        return breakers.computeIfAbsent(host, this::newBreaker);
    }

    Map<String, CircuitBreaker> breakers() {
        return breakers;
    }

    private CircuitBreaker newBreaker(String host) {
        CircuitBreaker breaker = CircuitBreaker.of("outbound-" + pluginId + "-" + host, breakerConfig);
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                LOG.warn(
                        "Plugin {}: calls to {} suspended for {} (circuit breaker open: too many of the latest failed)",
                        pluginId,
                        host,
                        policy.breaker().openDuration());
            } else {
                LOG.info("Plugin {}: circuit breaker for {} is now {}", pluginId, host, to);
            }
        });
        return breaker;
    }
}

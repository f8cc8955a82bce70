package io.metacortex.host.outbound;

import java.time.Duration;

/**
 * How the host treats one plugin's outbound calls: the configuration's {@code http.outbound} section with the
 * plugin's overrides applied ({@code io.metacortex.host.config.OutboundSettings#policyFor}).
 *
 * @param connectTimeout how long connecting to a host may take
 * @param readTimeout each attempt's timeout when the request sets none
 * @param maxReadTimeout the longest timeout a request may set (longer ones are lowered to it)
 * @param attempts how many times a request is sent at most, unless the call asks for another number
 * @param maxAttempts the most attempts a call may ask for
 * @param initialBackoff the wait before the first retry; each next one doubles (with +-50% jitter)
 * @param maxBackoff the longest wait between two attempts without {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} the host waits for; a longer one ends the call
 * @param maxConcurrentCalls how many calls the plugin may have in flight
 * @param concurrencyWait how long a call over that limit waits for a free slot before it is refused
 * @param breaker the circuit breaker of each target host
 */
public record OutboundPolicy(
        Duration connectTimeout,
        Duration readTimeout,
        Duration maxReadTimeout,
        int attempts,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int maxConcurrentCalls,
        Duration concurrencyWait,
        Breaker breaker) {

    /**
     * @param failureRateThreshold the share of failed calls, in percent, that opens the breaker
     * @param windowSize how many of the latest calls the rate is computed over
     * @param minimumCalls how many calls the window needs before the rate counts
     * @param openDuration how long the breaker stays open before trial calls are let through
     * @param trialCalls how many trial calls go through while it is half-open: it closes when their failure rate is
     *     below the threshold, else it opens again
     */
    public record Breaker(
            int failureRateThreshold, int windowSize, int minimumCalls, Duration openDuration, int trialCalls) {}
}

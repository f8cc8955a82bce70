package io.metacortex.outbound;

import java.time.Duration;

/**
 * How one plugin's outbound calls are treated. The host builds it from its configuration's {@code http.outbound}
 * section with the plugin's overrides; {@link #defaults()} are that section's defaults.
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

    /** @return the defaults: 5 s to connect, 10 s per attempt (60 s at most), 3 attempts (5 at most), ... */
    public static OutboundPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

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

    /** Builds a policy from the defaults, changing what is named. */
    public static final class Builder {

        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration maxReadTimeout = Duration.ofSeconds(60);
        private int attempts = 3;
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration maxRetryAfter = Duration.ofSeconds(30);
        private int maxConcurrentCalls = 16;
        private Duration concurrencyWait = Duration.ZERO;
        private Breaker breaker = new Breaker(50, 20, 10, Duration.ofSeconds(30), 3);

        private Builder() {}

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxReadTimeout(Duration maxReadTimeout) {
            this.maxReadTimeout = maxReadTimeout;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public Builder concurrencyWait(Duration concurrencyWait) {
            this.concurrencyWait = concurrencyWait;
            return this;
        }

        public Builder breaker(Breaker breaker) {
            this.breaker = breaker;
            return this;
        }

        /** @return the policy; {@code attempts} is lowered to {@code maxAttempts} when above it */
        public OutboundPolicy build() {
            return new OutboundPolicy(
                    connectTimeout,
                    readTimeout,
                    maxReadTimeout,
                    Math.min(attempts, maxAttempts),
                    maxAttempts,
                    initialBackoff,
                    maxBackoff,
                    maxRetryAfter,
                    maxConcurrentCalls,
                    concurrencyWait,
                    breaker);
        }
    }
}

package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.metacortex.outbound.OutboundPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Plugins' outbound HTTP ({@code http.outbound}): timeouts, retries, the circuit breaker of each target host and
 * the concurrency limit of each plugin, with overrides per plugin id ({@code http.outbound.plugins.<id>}). The
 * defaults are {@link OutboundPolicy#defaults()}'s.
 */
public class OutboundSettings {

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @NotNull
    private Duration connectTimeout = Duration.seconds(5);

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @NotNull
    private Duration readTimeout = Duration.seconds(10);

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @NotNull
    private Duration maxReadTimeout = Duration.seconds(60);

    @Min(1)
    @Max(10)
    private int attempts = 3;

    @Min(1)
    @Max(10)
    private int maxAttempts = 5;

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @NotNull
    private Duration initialBackoff = Duration.milliseconds(200);

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @NotNull
    private Duration maxBackoff = Duration.seconds(5);

    @NotNull
    private Duration maxRetryAfter = Duration.seconds(30);

    @Min(1)
    @Max(1000)
    private int maxConcurrentCalls = 16;

    @NotNull
    private Duration concurrencyWait = Duration.seconds(0);

    @Valid
    @NotNull
    private BreakerSettings circuitBreaker = new BreakerSettings();

    @Valid
    @NotNull
    private Map<String, PluginOverrides> plugins = Map.of();

    /** @return the policy for the plugin: these settings with its overrides, when it has any */
    public OutboundPolicy policyFor(String pluginId) {
        PluginOverrides own = plugins.getOrDefault(pluginId, new PluginOverrides());
        return OutboundPolicy.builder()
                .connectTimeout(or(own.connectTimeout, connectTimeout).toJavaDuration())
                .readTimeout(or(own.readTimeout, readTimeout).toJavaDuration())
                .maxReadTimeout(maxReadTimeout.toJavaDuration())
                .attempts(or(own.attempts, attempts))
                .maxAttempts(maxAttempts)
                .backoff(initialBackoff.toJavaDuration(), maxBackoff.toJavaDuration())
                .maxRetryAfter(maxRetryAfter.toJavaDuration())
                .maxConcurrentCalls(or(own.maxConcurrentCalls, maxConcurrentCalls))
                .concurrencyWait(concurrencyWait.toJavaDuration())
                .breaker(new OutboundPolicy.Breaker(
                        circuitBreaker.failureRateThreshold,
                        circuitBreaker.windowSize,
                        circuitBreaker.minimumCalls,
                        circuitBreaker.openDuration.toJavaDuration(),
                        circuitBreaker.trialCalls))
                .build();
    }

    private static <T> T or(T override, T value) {
        return override == null ? value : override;
    }

    /** How long connecting to a host may take. */
    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Each attempt's timeout when the plugin's request sets none. */
    @JsonProperty
    public Duration getReadTimeout() {
        return readTimeout;
    }

    @JsonProperty
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** The longest timeout a request may set; a longer one is lowered to it. */
    @JsonProperty
    public Duration getMaxReadTimeout() {
        return maxReadTimeout;
    }

    @JsonProperty
    public void setMaxReadTimeout(Duration maxReadTimeout) {
        this.maxReadTimeout = maxReadTimeout;
    }

    /** How many times a request is sent at most, unless the plugin asks for another number. */
    @JsonProperty
    public int getAttempts() {
        return attempts;
    }

    @JsonProperty
    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    /** The most attempts a plugin may ask for. */
    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** The wait before the first retry; each next one doubles, with +-50% jitter, up to maxBackoff. */
    @JsonProperty
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    @JsonProperty
    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    @JsonProperty
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    @JsonProperty
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** The longest Retry-After the host waits for; a server asking for longer ends the call at once. */
    @JsonProperty
    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    @JsonProperty
    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    /** How many calls each plugin may have in flight, retries and their waits included. */
    @JsonProperty
    public int getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    @JsonProperty
    public void setMaxConcurrentCalls(int maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /** How long a call over the limit waits for a free slot before it is refused; 0 refuses at once. */
    @JsonProperty
    public Duration getConcurrencyWait() {
        return concurrencyWait;
    }

    @JsonProperty
    public void setConcurrencyWait(Duration concurrencyWait) {
        this.concurrencyWait = concurrencyWait;
    }

    @JsonProperty
    public BreakerSettings getCircuitBreaker() {
        return circuitBreaker;
    }

    @JsonProperty
    public void setCircuitBreaker(BreakerSettings circuitBreaker) {
        this.circuitBreaker = circuitBreaker;
    }

    /** Overrides by plugin id. */
    @JsonProperty
    public Map<String, PluginOverrides> getPlugins() {
        return plugins;
    }

    @JsonProperty
    public void setPlugins(Map<String, PluginOverrides> plugins) {
        this.plugins = plugins;
    }

    /** The circuit breaker each plugin has for each host it calls. */
    public static class BreakerSettings {

        @Min(1)
        @Max(100)
        private int failureRateThreshold = 50;

        @Min(1)
        @Max(1000)
        private int windowSize = 20;

        @Min(1)
        @Max(1000)
        private int minimumCalls = 10;

        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        @NotNull
        private Duration openDuration = Duration.seconds(30);

        @Min(1)
        @Max(100)
        private int trialCalls = 3;

        /** The share of failed calls among the latest windowSize, in percent, that opens the breaker. */
        @JsonProperty
        public int getFailureRateThreshold() {
            return failureRateThreshold;
        }

        @JsonProperty
        public void setFailureRateThreshold(int failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        @JsonProperty
        public int getWindowSize() {
            return windowSize;
        }

        @JsonProperty
        public void setWindowSize(int windowSize) {
            this.windowSize = windowSize;
        }

        /** How many calls the window needs before the failure rate counts. */
        @JsonProperty
        public int getMinimumCalls() {
            return minimumCalls;
        }

        @JsonProperty
        public void setMinimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        /** How long the breaker stays open before it lets trial calls through (half-open). */
        @JsonProperty
        public Duration getOpenDuration() {
            return openDuration;
        }

        @JsonProperty
        public void setOpenDuration(Duration openDuration) {
            this.openDuration = openDuration;
        }

        /** How many trial calls go through while half-open; their failure rate decides closed or open again. */
        @JsonProperty
        public int getTrialCalls() {
            return trialCalls;
        }

        @JsonProperty
        public void setTrialCalls(int trialCalls) {
            this.trialCalls = trialCalls;
        }
    }

    /** What one plugin has differently; unset fields keep the installation's value. */
    public static class PluginOverrides {

        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        private Duration connectTimeout;

        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        private Duration readTimeout;

        @Min(1)
        @Max(10)
        private Integer attempts;

        @Min(1)
        @Max(1000)
        private Integer maxConcurrentCalls;

        @JsonProperty
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        @JsonProperty
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        @JsonProperty
        public Duration getReadTimeout() {
            return readTimeout;
        }

        @JsonProperty
        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        @JsonProperty
        public Integer getAttempts() {
            return attempts;
        }

        @JsonProperty
        public void setAttempts(Integer attempts) {
            this.attempts = attempts;
        }

        @JsonProperty
        public Integer getMaxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        @JsonProperty
        public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
        }
    }
}

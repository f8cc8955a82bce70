package io.metacortex.plugin.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The host sent the request as many times as it could and the last attempt still failed: it answered a retryable
 * status ({@link #lastStatus()}: {@code 429}, {@code 503}, or {@code 502}, {@code 504} for an idempotent request),
 * or it failed without an answer (the cause: a timeout, a refused or broken connection). Also thrown at once when
 * the server's {@code Retry-After} asks for a longer wait than the host allows ({@link #retryAfter()}).
 *
 * @since 1.3
 */
public class RetriesExhaustedException extends OutboundHttpException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final int lastStatus;
    private final Duration retryAfter;

    /**
     * @param lastStatus the status of the last answer, or 0 when the last attempt got none
     * @param retryAfter how long the last answer asked to wait, or null when it did not say
     * @param cause the last attempt's failure, or null when it got an answer
     */
    public RetriesExhaustedException(
            String host, int attempts, int lastStatus, Duration retryAfter, String message, Throwable cause) {
        super(host, message, cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
        this.retryAfter = retryAfter;
    }

    /** @return how many times the request was sent */
    public int attempts() {
        return attempts;
    }

    /** @return the status of the last answer; empty when the last attempt failed without one (see the cause) */
    public OptionalInt lastStatus() {
        return lastStatus == 0 ? OptionalInt.empty() : OptionalInt.of(lastStatus);
    }

    /** @return how long the last answer's {@code Retry-After} asked to wait, when it had one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

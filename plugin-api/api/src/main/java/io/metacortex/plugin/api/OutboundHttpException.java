package io.metacortex.plugin.api;

import java.io.IOException;

/**
 * A call through {@link OutboundHttp} that the host ended or refused: the breaker was open, the plugin's concurrency
 * limit was reached, or the retries were used up. The message names the target host, never the request's path,
 * query, headers or body, so it is safe to log.
 *
 * @since 1.3
 */
public abstract class OutboundHttpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String host;

    protected OutboundHttpException(String host, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
    }

    /** @return the host the request was for, e.g. {@code api.example.com} */
    public String host() {
        return host;
    }
}

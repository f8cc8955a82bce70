package io.metacortex.plugin.api;

/**
 * The circuit breaker of the request's host is open: recent calls from this plugin to that host failed too often,
 * so the host refuses calls to it for a while without sending them. Nothing was sent; try again later.
 *
 * @since 1.3
 */
public class CircuitOpenException extends OutboundHttpException {

    private static final long serialVersionUID = 1L;

    public CircuitOpenException(String host, String message) {
        super(host, message, null);
    }
}

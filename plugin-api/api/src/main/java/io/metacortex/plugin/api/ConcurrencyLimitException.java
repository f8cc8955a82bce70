package io.metacortex.plugin.api;

/**
 * The plugin already has as many outbound calls in flight as the host allows it (retries and their waits
 * included). Nothing was sent; try again when fewer calls are running.
 *
 * @since 1.3
 */
public class ConcurrencyLimitException extends OutboundHttpException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public ConcurrencyLimitException(String host, int limit, String message) {
        super(host, message, null);
        this.limit = limit;
    }

    /** @return how many calls the plugin may have in flight at once */
    public int limit() {
        return limit;
    }
}

package io.metacortex.finance.internal.plaid;

/**
 * Plaid answered an error ({@link PlaidError}). The message has the status, error type, code and request id only:
 * never a request's body, where the access token is.
 */
public final class PlaidApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient PlaidError error;

    PlaidApiException(String endpoint, PlaidError error) {
        super("Plaid " + endpoint + " answered " + error.summary());
        this.error = error;
    }

    /** @return Plaid's error object */
    public PlaidError error() {
        return error;
    }
}

package io.metacortex.finance.internal.plaid;

/** A webhook that did not pass verification: the message says which check failed, never the token's contents. */
public final class WebhookRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    WebhookRejectedException(String reason) {
        super(reason);
    }
}

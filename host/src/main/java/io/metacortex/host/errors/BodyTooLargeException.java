package io.metacortex.host.errors;

import java.io.IOException;

/**
 * A request body grew over its limit while it was read; {@link UnexpectedExceptionMapper} answers it 413 when a
 * resource let it escape.
 */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param max the limit, in bytes */
    public BodyTooLargeException(long max) {
        super("request body over " + max + " bytes");
    }
}

package io.metacortex.calendar.internal.remote;

/** A CalDAV server that could not be reached or answered what this client cannot use; the message names no secret. */
class DavException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DavException(String message) {
        super(message);
    }

    /** The server refused the account's credentials (401). */
    static final class Unauthorized extends DavException {
        private static final long serialVersionUID = 1L;

        Unauthorized(String host) {
            super("the CalDAV server at " + host + " refused the username and password (401)");
        }
    }
}

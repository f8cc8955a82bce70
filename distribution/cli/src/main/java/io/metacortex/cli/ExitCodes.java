package io.metacortex.cli;

/** What the CLI's exit code tells a script. */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;
    /** A usage error, no token, the server unreachable or failing (5xx), a local file unreadable. */
    static final int FAILED = 1;
    /** The server refused (4xx), or a preview says the operation would be refused; the reason is on stderr. */
    static final int REFUSED = 2;

    private ExitCodes() {}
}

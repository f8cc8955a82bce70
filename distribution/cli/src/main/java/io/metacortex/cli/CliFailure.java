package io.metacortex.cli;

/** A failure on this side (no server, no token, an unreadable file): its message is printed, the exit code is 1. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }
}

package io.metacortex.host.felix;

/** A bundle's requirements cannot be satisfied by this host; the message says which and why. */
public final class UnresolvedBundleException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnresolvedBundleException(String message) {
        super(message);
    }
}

package io.metacortex.host.secrets;

/** A stored secret that cannot be decrypted; its value is never guessed at or returned in part. */
public final class SecretDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    SecretDecryptionException(String reason) {
        super("The secret cannot be decrypted: " + reason + ".");
        this.reason = reason;
    }

    /** The same failure, naming the secret ({@code <plugin id>/<name>}). */
    SecretDecryptionException(String slot, SecretDecryptionException cause) {
        super("The secret " + slot + " cannot be decrypted: " + cause.reason + ".", cause);
        this.reason = cause.reason;
    }
}

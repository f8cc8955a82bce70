package io.metacortex.host.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption of secrets with AES-256-GCM: a random 96-bit nonce per encryption, a 128-bit tag, and
 * associated data that binds a ciphertext to where it is stored. Ciphertexts read
 * {@code mcs1:<key id>:<base64url(nonce || ciphertext || tag)>}, so values under older keys stay readable while
 * new ones use the current key. Thread-safe.
 */
public final class SecretBox {

    static final String FORMAT = "mcs1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretKeys keys) {
        this.keys = keys;
    }

    public SecretKeys keys() {
        return keys;
    }

    /** @param associatedData what the ciphertext is bound to; decryption must present the same */
    public String encrypt(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] payload = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return FORMAT + ":" + keys.currentKeyId() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * @throws SecretDecryptionException if the ciphertext is malformed, names a key that is not configured, was
     *     altered, or was made for other associated data
     */
    public String decrypt(String ciphertext, String associatedData) {
        String keyId = keyIdOf(ciphertext);
        SecretKey key = keys.find(keyId)
                .orElseThrow(() -> new SecretDecryptionException("it is encrypted with" + " the key '" + keyId
                        + "', which is not configured (configured: " + keys.ids() + ")"));
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(ciphertext.substring(FORMAT.length() + keyId.length() + 2));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("the ciphertext is not valid base64url");
        }
        if (payload.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretDecryptionException("the ciphertext is too short");
        }
        try {
            Cipher cipher =
                    cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(payload, NONCE_BYTES), associatedData);
            byte[] plain = cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("authentication failed: the ciphertext was altered, belongs to"
                    + " another secret, or the key '" + keyId + "' is not the one it was encrypted with");
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("AES-GCM decryption failed: " + e.getMessage());
        }
    }

    /** @throws SecretDecryptionException if {@code ciphertext} is not in this box's format */
    public static String keyIdOf(String ciphertext) {
        String[] parts = ciphertext == null ? new String[0] : ciphertext.split(":", -1);
        if (parts.length != 3
                || !parts[0].equals(FORMAT)
                || !SecretKeys.KEY_ID.matcher(parts[1]).matches()) {
            throw new SecretDecryptionException("the ciphertext is not in the " + FORMAT + ":<key id>:<data> format");
        }
        return parts[1];
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}

package io.metacortex.host.secrets;

import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys secrets may be encrypted with, by key id, and the current one that encrypts new secrets.
 * Built only from valid input: every key is 32 bytes and the current key is one of them.
 */
public final class SecretKeys {

    /** Key ids appear in every ciphertext ({@code mcs1:<key id>:...}), so they stay short and plain. */
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    private SecretKeys(Map<String, SecretKey> keys, String currentKeyId) {
        this.keys = Collections.unmodifiableMap(keys);
        this.currentKeyId = currentKeyId;
    }

    /**
     * @param base64ById the key material, base64 of 32 bytes, by key id
     * @param currentKeyId the key that encrypts new secrets; null is allowed when there is exactly one key
     * @param origin where the keys come from, for error messages (e.g. "secrets.keys")
     * @throws IllegalArgumentException naming the key and what is wrong with it (never the key material)
     */
    public static SecretKeys of(Map<String, String> base64ById, String currentKeyId, String origin) {
        if (base64ById.isEmpty()) {
            throw new IllegalArgumentException("No secret key in " + origin + ".");
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        base64ById.forEach((id, base64) -> keys.put(validId(id, origin), decode(id, base64, origin)));
        String current = currentKeyId == null || currentKeyId.isBlank() ? null : currentKeyId.trim();
        if (current == null) {
            if (keys.size() > 1) {
                throw new IllegalArgumentException("Several secret keys in " + origin + " (" + keys.keySet()
                        + ") but no current key: set secrets.currentKey (or METACORTEX_SECRET_CURRENT_KEY) to"
                        + " the one new secrets are encrypted with.");
            }
            current = keys.keySet().iterator().next();
        }
        if (!keys.containsKey(current)) {
            throw new IllegalArgumentException("The current secret key '" + current + "' is not among the keys in "
                    + origin + " (" + keys.keySet() + ").");
        }
        return new SecretKeys(keys, current);
    }

    private static String validId(String id, String origin) {
        String trimmed = id == null ? "" : id.trim();
        if (!KEY_ID.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Invalid secret key id '" + trimmed + "' in " + origin
                    + ": use 1 to 32 letters, digits, '-' or '_', e.g. k1.");
        }
        return trimmed;
    }

    private static SecretKey decode(String id, String base64, String origin) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret key '" + id + "' in " + origin + " is not valid base64;"
                    + " generate one with: openssl rand -base64 32");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("Secret key '" + id + "' in " + origin + " is " + bytes.length
                    + " bytes; AES-256 needs exactly " + KEY_BYTES + " (generate one with: openssl rand -base64 32).");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    SecretKey current() {
        return keys.get(currentKeyId);
    }

    Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** @return the key ids, sorted */
    public java.util.Set<String> ids() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "SecretKeys" + keys.keySet() + " current " + currentKeyId;
    }
}

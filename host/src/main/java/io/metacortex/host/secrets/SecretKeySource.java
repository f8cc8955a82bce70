package io.metacortex.host.secrets;

import io.metacortex.host.config.SecretsSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the secret keys: {@code METACORTEX_SECRET_KEYS} (and {@code METACORTEX_SECRET_CURRENT_KEY}), else
 * {@code secrets.keys} (and {@code secrets.currentKey}), else the key kept in {@code <dataDirectory>/secret-keys},
 * else a new random key, kept there (readable by the owner only). Key material is never logged.
 */
public final class SecretKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeySource.class);
    static final String FILE_NAME = "secret-keys";
    static final String KEYS_ENV = "METACORTEX_SECRET_KEYS";
    static final String CURRENT_ENV = "METACORTEX_SECRET_CURRENT_KEY";
    static final String GENERATED_KEY_ID = "k1";

    private SecretKeySource() {}

    /** @throws IllegalArgumentException when the configured keys are invalid, saying which and why */
    public static SecretKeys resolve(SecretsSettings settings, Map<String, String> env, Path dataDirectory) {
        String currentFromEnv = blankToNull(env.get(CURRENT_ENV));
        String keysFromEnv = blankToNull(env.get(KEYS_ENV));
        if (keysFromEnv != null) {
            return SecretKeys.of(parseList(keysFromEnv), currentFromEnv, KEYS_ENV);
        }
        if (!settings.getKeys().isEmpty()) {
            return SecretKeys.of(
                    settings.getKeys(),
                    currentFromEnv != null ? currentFromEnv : settings.getCurrentKey(),
                    "secrets.keys");
        }
        if (settings.getCurrentKey() != null && !settings.getCurrentKey().isBlank()) {
            throw new IllegalArgumentException("secrets.currentKey is '" + settings.getCurrentKey()
                    + "' but no key is configured: add secrets.keys or set " + KEYS_ENV + ".");
        }
        return fromFile(dataDirectory.resolve(FILE_NAME));
    }

    /** Parses {@code k1:<base64>,k2:<base64>}. */
    static Map<String, String> parseList(String list) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            int colon = entry.indexOf(':');
            if (entry.isBlank() || colon < 0) {
                throw new IllegalArgumentException(
                        KEYS_ENV + " must look like k1:<base64>,k2:<base64>;" + " an entry has no key id.");
            }
            String id = entry.substring(0, colon).trim();
            if (keys.put(id, entry.substring(colon + 1).trim()) != null) {
                throw new IllegalArgumentException(KEYS_ENV + " names the key id '" + id + "' twice.");
            }
        }
        return keys;
    }

    private static SecretKeys fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(in);
                }
                String list = stored.getProperty("keys");
                if (list == null) {
                    throw new IllegalArgumentException(file + " has no 'keys' line; restore it from a backup.");
                }
                return SecretKeys.of(parseList(list), stored.getProperty("currentKey"), file.toString());
            }
            return generate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret keys in " + file, e);
        }
    }

    private static SecretKeys generate(Path file) throws IOException {
        byte[] key = new byte[SecretKeys.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String list = GENERATED_KEY_ID + ":" + Base64.getEncoder().encodeToString(key);
        Files.createDirectories(file.getParent());
        createOwnerOnly(file);
        Files.writeString(file, """
                # MetaCortex secret keys, generated %s. Keep this file private and back it up with the database:
                # without it the plugins' secrets cannot be decrypted. To move the key into the configuration, set
                # METACORTEX_SECRET_KEYS to the value of 'keys' below (this file is then ignored).
                currentKey=%s
                keys=%s
                """.formatted(LocalDate.now(), GENERATED_KEY_ID, list), StandardCharsets.UTF_8);
        LOG.warn(
                "No secret key configured: generated the key {} into {} (readable by its owner only). Back it up;"
                        + " see secrets.keys / {} to configure keys instead.",
                GENERATED_KEY_ID,
                file,
                KEYS_ENV);
        return SecretKeys.of(
                Map.of(GENERATED_KEY_ID, list.substring(GENERATED_KEY_ID.length() + 1)),
                GENERATED_KEY_ID,
                file.toString());
    }

    /** Creates the file readable by its owner only before any key material is written to it. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            LOG.warn("Cannot restrict the permissions of {}", file);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

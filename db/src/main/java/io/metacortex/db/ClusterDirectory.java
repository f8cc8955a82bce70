package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory and the cluster in it. {@code initdb} runs only on an empty directory, and only while the marker
 * file {@code <data directory>.initdb} exists: a marker left behind proves that the directory holds what an
 * interrupted {@code initdb} wrote and that no server ever ran on it, so it can be emptied and created again. Nothing
 * else is ever deleted: a directory holding files but no {@code PG_VERSION} may be a damaged cluster, or not a
 * cluster at all, and is refused.
 */
final class ClusterDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDirectory.class);

    private final Path directory;
    private final Path marker;

    ClusterDirectory(Path directory) {
        this.directory = directory;
        this.marker = directory.resolveSibling(directory.getFileName() + ".initdb");
    }

    static Path marker(Path dataDirectory) {
        return new ClusterDirectory(dataDirectory).marker;
    }

    /**
     * Creates the cluster unless the directory holds one.
     *
     * @return whether it created the cluster
     * @throws IllegalStateException if the directory holds files but no cluster
     */
    boolean prepare(PgCtl pgCtl) {
        if (Files.exists(marker)) {
            LOG.warn(
                    "Creating the PostgreSQL cluster in {} was interrupted ({} is left); creating it again",
                    directory,
                    marker);
            deleteContents();
        } else if (Files.exists(directory.resolve("PG_VERSION"))) {
            return false;
        } else if (!isEmpty()) {
            throw new IllegalStateException("The PostgreSQL data directory " + directory + " holds files but no"
                    + " cluster (no PG_VERSION), and no trace of a cluster creation MetaCortex started there. It is"
                    + " left as it is: if it is a first start's leftover you do not need, delete the directory;"
                    + " otherwise point dataDirectory elsewhere.");
        }
        LOG.info("Creating a PostgreSQL cluster in {}", directory);
        try {
            Files.writeString(
                    marker,
                    "initdb of " + directory + " by PID "
                            + ProcessHandle.current().pid() + "\n");
            syncParent();
            pgCtl.initdb();
            Files.delete(marker);
            // Durably gone before the server first runs: from then on the directory may hold data.
            syncParent();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create or remove " + marker, e);
        }
    }

    private boolean isEmpty() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the PostgreSQL data directory " + directory, e);
        }
    }

    private void deleteContents() {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> contents = paths.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(directory))
                    .toList();
            for (Path path : contents) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty " + directory + " for a new cluster", e);
        }
    }

    private void syncParent() throws IOException {
        try (FileChannel parent = FileChannel.open(directory.getParent(), StandardOpenOption.READ)) {
            parent.force(true);
        }
    }
}

package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code postmaster.pid} a server keeps in its data directory while it runs. Once no process serves the
 * directory any more (see {@link ServerProcesses}), one that is left is stale, whatever it holds: the PID of a process
 * that is gone, of an unrelated process or another PostgreSQL that reuses it since, or no PID at all.
 */
final class PostmasterPidFile {

    private final Path file;

    PostmasterPidFile(Path dataDirectory) {
        this.file = dataDirectory.resolve("postmaster.pid");
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** @return what the file says, for a log line: the PID it names and whether that process is alive */
    String describe() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,18}")) {
            return "no PID in it";
        }
        long pid = Long.parseLong(lines.get(0).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                ? "PID " + pid + ", now a process that does not serve this directory"
                : "PID " + pid + ", which is gone";
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the stale " + file, e);
        }
    }

    Path path() {
        return file;
    }
}

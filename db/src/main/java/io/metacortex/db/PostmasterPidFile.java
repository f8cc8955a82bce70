package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} a server leaves in its data directory. After a crash it is either stale (the server is
 * gone) or names a server orphaned by a JVM that died without stopping it.
 */
final class PostmasterPidFile {

    enum State { ABSENT, STALE, SERVER_RUNNING }

    private final Path file;

    PostmasterPidFile(Path dataDirectory) {
        this.file = dataDirectory.resolve("postmaster.pid");
    }

    State state() {
        List<String> lines;
        try {
            if (!Files.exists(file)) {
                return State.ABSENT;
            }
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return State.STALE;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive);
        // The PID may have been reused by an unrelated process since the crash: only a postgres counts.
        boolean postgres = process.flatMap(p -> p.info().command())
                .map(command -> command.endsWith("/postgres"))
                .orElse(false);
        return postgres ? State.SERVER_RUNNING : State.STALE;
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

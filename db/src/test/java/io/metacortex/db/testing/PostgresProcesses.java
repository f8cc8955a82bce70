package io.metacortex.db.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The PostgreSQL processes ({@code postgres} and {@code initdb}) of one data directory, found by scanning
 * {@code /proc} for those whose arguments name the directory or whose working directory is the directory. It is
 * written apart from the server's own search, so that tests check that search against an independent reading.
 */
public final class PostgresProcesses {

    private static final Set<String> NAMES = Set.of("postgres", "initdb");

    private PostgresProcesses() {}

    /** @return every live PostgreSQL process working on {@code dataDirectory} */
    public static List<ProcessHandle> of(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+"))
                    .filter(entry -> NAMES.contains(read(entry.resolve("comm")).strip()))
                    .filter(entry -> namesDirectory(entry, directory) || inDirectory(entry, directory))
                    .map(entry ->
                            ProcessHandle.of(Long.parseLong(entry.getFileName().toString())))
                    .flatMap(Optional::stream)
                    .filter(ProcessHandle::isAlive)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
    }

    /** @return the postmasters among {@link #of}: those whose parent is not one of them */
    public static List<ProcessHandle> postmasters(Path dataDirectory) {
        List<ProcessHandle> processes = of(dataDirectory);
        Set<Long> pids = processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        return processes.stream()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p ->
                        p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
                .toList();
    }

    /** Waits until no PostgreSQL process works on {@code dataDirectory} any more. */
    public static void awaitNone(Path dataDirectory, Duration atMost) {
        Awaitility.await("no PostgreSQL process left on " + dataDirectory)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> of(dataDirectory).isEmpty());
    }

    /** Test clean-up: SIGKILLs every PostgreSQL process of {@code dataDirectory} and waits until they are gone. */
    public static void killAll(Path dataDirectory) {
        of(dataDirectory).forEach(ProcessHandle::destroyForcibly);
        awaitNone(dataDirectory, Duration.ofSeconds(30));
    }

    private static boolean namesDirectory(Path entry, Path directory) {
        return Arrays.asList(read(entry.resolve("cmdline")).split("\0")).contains(directory.toString());
    }

    private static boolean inDirectory(Path entry, Path directory) {
        try {
            return Files.readSymbolicLink(entry.resolve("cwd")).equals(directory);
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}

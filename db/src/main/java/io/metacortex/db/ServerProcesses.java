package io.metacortex.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL processes running on one data directory, whoever started them and whatever its
 * {@code postmaster.pid} says: a {@code postgres} (or {@code initdb}) executable whose command line names the
 * directory after {@code -D} (as {@code pg_ctl} starts the postmaster) or whose working directory is the data
 * directory (every server process changes into it). A PostgreSQL serving another directory, such as the machine's
 * own cluster, is never one of them.
 */
final class ServerProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcesses.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

    private ServerProcesses() {}

    /** @return the live PostgreSQL processes serving {@code dataDirectory}; empty if it does not exist */
    static List<ProcessHandle> serving(Path dataDirectory) {
        Optional<Path> directory = realPath(dataDirectory);
        if (directory.isEmpty()) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(ServerProcesses::isPostgres)
                .filter(process -> serves(process, directory.get()))
                .toList();
    }

    /**
     * Stops the processes: a fast shutdown of each postmaster among them ({@code SIGINT}: sessions are rolled back),
     * an immediate one ({@code SIGQUIT}) of whatever still runs after a minute, {@code SIGKILL} as the last resort.
     * Returns once they are all gone.
     *
     * @throws IllegalStateException if some survive even {@code SIGKILL}
     */
    static void stop(List<ProcessHandle> processes) {
        stop(processes, FAST_SHUTDOWN, IMMEDIATE_SHUTDOWN);
    }

    /** {@link #stop(List)}, waiting {@code fast} for the fast shutdown and {@code immediate} for the next steps. */
    static void stop(List<ProcessHandle> processes, Duration fast, Duration immediate) {
        Set<Long> pids = processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        // Server processes whose postmaster died end by themselves once they notice; their postmaster stops the rest.
        List<ProcessHandle> postmasters = processes.stream()
                .filter(process -> process.parent()
                        .map(parent -> !pids.contains(parent.pid()))
                        .orElse(true))
                .toList();
        signal("INT", postmasters);
        List<ProcessHandle> left = awaitExit(processes, fast);
        if (!left.isEmpty()) {
            LOG.warn(
                    "PostgreSQL processes {} did not stop within {} s; shutting them down immediately",
                    pids(left),
                    fast.toSeconds());
            signal("QUIT", left);
            left = awaitExit(left, immediate);
        }
        if (!left.isEmpty()) {
            LOG.warn("PostgreSQL processes {} ignored an immediate shutdown; killing them", pids(left));
            left.forEach(ProcessHandle::destroyForcibly);
            left = awaitExit(left, immediate);
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("PostgreSQL processes " + pids(left) + " survived SIGKILL");
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        // A binary replaced or deleted since the process started shows as "postgres (deleted)".
        return process.info()
                .command()
                .map(command -> command.replaceFirst(" \\(deleted\\)$", ""))
                .map(command -> command.endsWith("/postgres") || command.endsWith("/initdb"))
                .orElse(false);
    }

    private static boolean serves(ProcessHandle process, Path directory) {
        return dataDirectoryArgument(process)
                        .filter(Path::isAbsolute)
                        .flatMap(ServerProcesses::realPath)
                        .filter(directory::equals)
                        .isPresent()
                || workingDirectory(process).filter(directory::equals).isPresent();
    }

    private static Optional<Path> dataDirectoryArgument(ProcessHandle process) {
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i < arguments.length - 1; i++) {
            if (arguments[i].equals("-D")) {
                return Optional.of(Path.of(arguments[i + 1]));
            }
        }
        return Optional.empty();
    }

    /** Readable for our own processes (root reads any); unreadable ones belong to someone else, not to us. */
    private static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        // A process that ended meanwhile makes kill exit non-zero; what is left is checked by waiting.
        ProcessRunner.tryRun(command);
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits =
                processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Reported below as the processes still alive.
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for PostgreSQL processes " + pids(processes), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while PostgreSQL processes stopped", e);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}

package io.metacortex.db;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmbeddedPostgresServer} started in a JVM of its own ({@link ServerJvmMain}), so that a test can kill that
 * JVM by {@code SIGKILL} or {@code SIGTERM} at a moment it chooses. The JVM's output goes to a log file next to the
 * data directory, quoted when it does not behave. {@link #close()} kills the JVM if it still runs.
 */
final class ServerJvm implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;

    private ServerJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the JVM, with {@code -D} options such as the launch account; returns at once. */
    static ServerJvm launch(Path dataDirectory, String... systemProperties) {
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-jvm-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(systemProperties));
        command.addAll(List.of(ServerJvmMain.class.getName(), dataDirectory.toString()));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServerJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port of the server, once the JVM says it started */
    int awaitStarted() {
        awaitOutput(ServerJvmMain.STARTED);
        String output = output();
        int at = output.indexOf(ServerJvmMain.STARTED) + ServerJvmMain.STARTED.length();
        return Integer.parseInt(
                output.substring(at).lines().findFirst().orElseThrow().strip());
    }

    /** Waits until the JVM has written {@code text}; fails early, quoting its output, if the JVM ends first. */
    void awaitOutput(String text) {
        await("the server JVM writing '" + text + "'")
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (output().contains(text)) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "The server JVM exited with " + process.exitValue() + ":\n" + output());
                    }
                    return false;
                });
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs. Returns once the JVM is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: shutdown hooks run. Returns at once. */
    void terminate() {
        process.destroy();
    }

    /** @return the JVM's exit code, once it has exited */
    int awaitExit() {
        try {
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The server JVM did not exit within " + DEADLINE + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}

package io.metacortex.bench;

import static io.metacortex.bench.Bench.env;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bench's baseline ({@link BaselineApplication}, {@code bench/baseline.yml}) as a child process of a Java bench,
 * on loopback: the application on {@code port}, the admin connector on {@code port + 1}, its log in
 * {@code baseline.log} of the work directory, run from the bench's build ({@code target/classes} and
 * {@code target/lib}). {@link #stop()} stops the process it started by its PID, as {@link BenchHost#stop()} does.
 */
final class BenchBaseline {

    private final Path benchDirectory;
    private final Path work;
    private final int port;
    private Process process;
    private long startedNanos;

    /** @param benchDirectory the {@code bench/} directory, built ({@code mvn -Pbench package}) */
    BenchBaseline(Path benchDirectory, Path work, int port) {
        this.benchDirectory = benchDirectory;
        this.work = work;
        this.port = port;
    }

    /**
     * Starts the baseline on the database {@code db}, accepting {@code token} as the user {@code userId}, with
     * {@code BENCH_JAVA_OPTS} as JVM options. Does not wait.
     */
    void start(BenchDatabase database, String db, String token, String userId) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : env("BENCH_JAVA_OPTS", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of(
                "-cp",
                benchDirectory.resolve("target/classes") + File.pathSeparator + benchDirectory.resolve("target/lib/*"),
                BaselineApplication.class.getName(),
                "server",
                benchDirectory.resolve("baseline.yml").toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment()
                .putAll(Map.of(
                        "BASELINE_PORT", String.valueOf(port),
                        "BASELINE_ADMIN_PORT", String.valueOf(port + 1),
                        "BASELINE_DB_URL", database.url(db),
                        "BASELINE_DB_USER", database.user(),
                        "BASELINE_TOKEN", token,
                        "BASELINE_USER_ID", userId));
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /** @return the baseline's log file (console output), rewritten at each start */
    Path log() {
        return work.resolve("baseline.log");
    }

    /** @return {@link System#nanoTime()} just before the last {@link #start} started the process */
    long startedNanos() {
        return startedNanos;
    }

    /** Stops the baseline this instance started, if it did: by its PID, then waits until it is gone. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }
}

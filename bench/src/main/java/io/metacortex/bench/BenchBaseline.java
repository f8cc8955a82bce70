package io.metacortex.bench;

import static io.metacortex.bench.Bench.env;
import static io.metacortex.bench.Bench.require;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bench's baseline ({@link BaselineApplication} with {@code bench/baseline.yml}) as a child process of a Java
 * bench, started as {@code bench/run} starts it: {@code java -cp bench/target/classes:bench/target/lib/*} with the
 * {@code BASELINE_*} environment, {@code BENCH_JAVA_OPTS} as its JVM options, the application on {@code port}, the
 * admin connector on {@code port + 1}, its output in {@code <name>-baseline.log} of the work directory.
 * {@link #stop()} stops the process it started, by its PID ({@link Process#destroy()}, then waiting for it): call
 * {@link #start} inside a {@code try} whose {@code finally} calls {@link #stop()}.
 */
final class BenchBaseline {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String name;
    private final Path benchDir;
    private final Path work;
    private final int port;
    private Process process;
    private long startedNanos;

    /** @param benchDir the {@code bench} directory, with {@code baseline.yml} and the built {@code target/} */
    BenchBaseline(String name, Path benchDir, Path work, int port) {
        this.name = name;
        this.benchDir = benchDir;
        this.work = work;
        this.port = port;
    }

    /**
     * Starts the baseline on the database {@code db}, authenticating {@code token} as the user {@code userId} (the
     * host's bench user, so that both sides get the same Authorization header). Does not wait.
     */
    void start(BenchDatabase database, String db, String token, String userId) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(env("BENCH_JAVA_OPTS", "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .forEach(command::add);
        command.addAll(List.of(
                "-cp",
                benchDir.resolve("target/classes") + ":" + benchDir.resolve("target/lib") + "/*",
                BaselineApplication.class.getName(),
                "server",
                benchDir.resolve("baseline.yml").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + "-baseline.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "BASELINE_PORT", String.valueOf(port),
                        "BASELINE_ADMIN_PORT", String.valueOf(port + 1),
                        "BASELINE_TOKEN", token,
                        "BASELINE_USER_ID", userId,
                        "BASELINE_DB_URL", database.url(db),
                        "BASELINE_DB_USER", database.user()));
        String poolSize = env("BENCH_BASELINE_POOL", "");
        if (!poolSize.isEmpty()) {
            builder.environment().put("BASELINE_DB_MAX_SIZE", poolSize); // else baseline.yml's default, 20
        }
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /** @return {@link System#nanoTime()} just before the last {@link #start} started the process */
    long startedNanos() {
        return startedNanos;
    }

    /** Waits, at most 2 minutes, until the admin connector's health check (the database's among them) answers 200. */
    void awaitHealthy() throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1) + "/healthcheck"))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            require(process.isAlive(), "the baseline exited: see " + name + "-baseline.log");
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            require(
                    System.nanoTime() < deadline,
                    "the baseline did not start within 2 minutes: see " + name + "-baseline.log");
            Thread.sleep(100); // the bench's bounded readiness poll
        }
    }

    /** @return the PID of the baseline's JVM, for jcmd */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the baseline this instance started, if it did: by its PID (SIGTERM), then waits until it is gone, killing
     * it after 30 seconds.
     */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }
}

package io.metacortex.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.metacortex.db.testing.PostgresProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The assembled distribution's server, started by {@code bin/metacortex server} on the embedded PostgreSQL of its
 * data directory, on free ports, with the build's {@code METACORTEX_DB_URL} removed. {@link #close()} stops it by its
 * PID and kills the PostgreSQL processes of its data directory, also when the test failed half way.
 */
final class DistributionServer implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of("target", "metacortex").toAbsolutePath();
    /** How long a start (a first one initialises the embedded PostgreSQL) or a stop may take. */
    static final Duration START = Duration.ofSeconds(180);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path data;
    private final Path log;
    private final int port;
    private final int adminPort;

    private DistributionServer(Process process, Path data, Path log, int port, int adminPort) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
    }

    /**
     * Starts the server with a new data directory and its log in {@code directory}, class data sharing off; it does
     * not wait for it to be ready.
     */
    static DistributionServer start(Path directory, String adminToken) throws IOException {
        return on(Files.createDirectory(directory.resolve("data")), adminToken)
                .log(directory.resolve("host.log"))
                .start();
    }

    /** A server to start on {@code data}, an existing data directory, with the defaults of {@link #start}. */
    static Launch on(Path data, String adminToken) {
        return new Launch(data, adminToken);
    }

    /** How a server is started; {@link #start()} starts it. */
    static final class Launch {

        private final Path data;
        private final Map<String, String> environment = new HashMap<>();
        private final List<String> prefix = new ArrayList<>();
        private Path log;
        private String javaOptions = "-Xmx384m -XX:+UseSerialGC";

        private Launch(Path data, String adminToken) {
            this.data = data;
            this.log = data.resolveSibling("host.log");
            environment.put("METACORTEX_DATA_DIR", data.toString());
            environment.put("METACORTEX_ADMIN_TOKEN", adminToken);
            environment.put("METACORTEX_LOG_LEVEL", "WARN");
            environment.put("METACORTEX_CDS", "off");
        }

        Launch log(Path file) {
            this.log = file;
            return this;
        }

        /** Adds JVM options to the heap and collector every start gets. */
        Launch javaOptions(String options) {
            javaOptions = javaOptions + " " + options;
            return this;
        }

        /** Leaves class data sharing as the script does it by default (on). */
        Launch classDataSharing() {
            environment.remove("METACORTEX_CDS");
            return this;
        }

        /** The log level the shipped configuration has instead of {@code WARN}. */
        Launch shippedLogLevel() {
            environment.remove("METACORTEX_LOG_LEVEL");
            return this;
        }

        /** Runs the script as another account ({@code setpriv}, which only root may do). */
        Launch as(int uid, int gid) {
            prefix.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
            return this;
        }

        DistributionServer start() throws IOException {
            int port = freePort();
            int adminPort = freePort();
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(DISTRIBUTION.resolve("bin/metacortex").toString(), "server"));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("METACORTEX_DB_URL");
            builder.environment().putAll(environment);
            builder.environment()
                    .putAll(Map.of(
                            "METACORTEX_PORT", Integer.toString(port),
                            "METACORTEX_ADMIN_PORT", Integer.toString(adminPort),
                            "JAVA_OPTS", javaOptions));
            return new DistributionServer(builder.start(), data, log, port, adminPort);
        }
    }

    /** Waits until {@code /health/ready} answers 200; fails at once when the server exits. */
    DistributionServer awaitReady() {
        await("the host ready on " + adminPort)
                .atMost(START)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the host exited: " + log, () -> !process.isAlive())
                .until(this::ready);
        return this;
    }

    /** Stops the server by SIGTERM to its PID and waits until it and its embedded PostgreSQL are gone. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                .as("the host exits after SIGTERM to PID %d", process.pid())
                .isTrue();
        PostgresProcesses.awaitNone(postgres(), Duration.ofSeconds(30));
    }

    Process process() {
        return process;
    }

    /** Its embedded PostgreSQL's data directory. */
    Path postgres() {
        return data.resolve("postgres");
    }

    Path log() {
        return log;
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        PostgresProcesses.killAll(postgres());
    }

    private boolean ready() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

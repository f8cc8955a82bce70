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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/metacortex server}'s class data sharing: the first start finding the data directory but no archive writes
 * one into {@code <data>/cds/} as it exits (SIGTERM), the next start maps the host's classes from it, and
 * {@code METACORTEX_CDS=off} leaves it alone.
 */
class ClassDataSharingIT {

    private static final Path DISTRIBUTION = Path.of("target", "metacortex").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(180);
    /** How -Xlog:class+load tells a class mapped from the dynamic (top) archive. */
    private static final String FROM_ARCHIVE =
            "io.metacortex.host.MetaCortexApplication source: shared objects file (top)";

    @TempDir
    Path tempDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process host;
    private Path data;

    @AfterEach
    void stopWhatIsLeft() {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
        }
        if (data != null) {
            PostgresProcesses.killAll(data.resolve("postgres"));
        }
    }

    @Test
    void theFirstServerStartArchivesTheClassesAndTheNextMapsThem() throws Exception {
        data = Files.createDirectory(tempDir.resolve("data"));

        String first = startAndStop("first.log", Map.of());
        assertThat(archives()).as("after the first start").hasSize(1);
        assertThat(first).doesNotContain(FROM_ARCHIVE);

        String second = startAndStop("second.log", Map.of());
        assertThat(second).contains(FROM_ARCHIVE);

        String off = startAndStop("off.log", Map.of("METACORTEX_CDS", "off"));
        assertThat(off).doesNotContain(FROM_ARCHIVE);
        assertThat(archives()).hasSize(1);
    }

    /** Starts the distribution on the data directory until ready, stops it by SIGTERM. @return its output */
    private String startAndStop(String logName, Map<String, String> extraEnvironment) throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Path log = tempDir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(
                        DISTRIBUTION.resolve("bin/metacortex").toString(), "server")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "METACORTEX_DATA_DIR", data.toString(),
                        "METACORTEX_PORT", Integer.toString(port),
                        "METACORTEX_ADMIN_PORT", Integer.toString(adminPort),
                        "METACORTEX_ADMIN_TOKEN", UUID.randomUUID().toString(),
                        "METACORTEX_LOG_LEVEL", "WARN",
                        "JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -Xlog:class+load=info"));
        builder.environment().remove("METACORTEX_DB_URL");
        builder.environment().putAll(extraEnvironment);
        host = builder.start();
        await("the host ready on " + adminPort)
                .atMost(START)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the host exited: " + log, () -> !host.isAlive())
                .until(() -> ready(adminPort));
        host.destroy();
        assertThat(host.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                .as("the host exits after SIGTERM to PID %d", host.pid())
                .isTrue();
        PostgresProcesses.awaitNone(data.resolve("postgres"), Duration.ofSeconds(30));
        return Files.readString(log);
    }

    private List<Path> archives() throws IOException {
        Path cds = data.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa"))
                    .toList();
        }
    }

    private boolean ready(int adminPort) throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

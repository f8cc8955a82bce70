package io.metacortex.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * {@code bin/metacortex plugin|--help} of the assembled distribution: the script hands those to the admin CLI on the
 * same lib/, in the caller's directory, while {@code server} still starts the server; the CLI lists what the server's
 * deploy folder installed, reads a jar by a path relative to where it was called, and says so when the server is gone.
 */
class AdminCliIT {

    private static final Path DISTRIBUTION = DistributionServer.DISTRIBUTION;

    @TempDir
    Path tempDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String adminToken = UUID.randomUUID().toString();
    private DistributionServer running;

    /** A finished run of bin/metacortex. */
    private record Run(int exitCode, String out, String err) {}

    @AfterEach
    void stopWhatIsLeft() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theScriptRunsTheAdminCliAgainstTheServerItStarted() throws Exception {
        Run help = cli(Map.of(), "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: metacortex ").contains("Exit codes:");

        running = DistributionServer.start(tempDir, adminToken);
        Process host = running.process();
        String url = running.url();
        long firstParty;
        try (Stream<Path> jars = Files.list(DISTRIBUTION.resolve("plugins"))) {
            firstParty = jars.count();
        }
        await("the first-party plugins installed from plugins/")
                .atMost(DistributionServer.START)
                .pollInterval(Duration.ofMillis(500))
                .failFast("the host exited: " + running.log(), () -> !host.isAlive())
                .until(() -> activePlugins(url) == firstParty);
        Map<String, String> server = Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", adminToken);

        Run list = cli(server, "plugin", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out().lines().toList())
                .hasSize(1 + (int) firstParty)
                .first()
                .asString()
                .startsWith("ID ");
        assertThat(list.out())
                .containsPattern("(?m)^habits +\\S+ +ACTIVE ")
                .containsPattern("(?m)^finance +\\S+ +ACTIVE ")
                .containsPattern("(?m)^tasks +\\S+ +ACTIVE ");
        assertThat(list.toString()).doesNotContain(adminToken);

        // A path relative to the caller's directory: the tasks jar the server installed, which is not newer.
        Files.copy(shipped("metacortex-plugin-tasks-"), tempDir.resolve("tasks.jar"));
        Run preview = cli(server, "plugin", "preview", "tasks.jar");
        assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(2);
        assertThat(preview.out()).startsWith("Would refuse: upgrade tasks ");
        assertThat(preview.err()).contains("version not newer");

        running.stop();

        Run down = cli(server, "plugin", "list");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.err()).startsWith("metacortex: Cannot reach the server at " + url + "/");
    }

    private Path shipped(String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(DISTRIBUTION.resolve("plugins"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Runs bin/metacortex in the test's directory with {@code environment} (and no METACORTEX_* of the build's). */
    private Run cli(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                                Stream.of(DISTRIBUTION.resolve("bin/metacortex").toString()), Stream.of(args))
                        .toList())
                .directory(tempDir.toFile())
                .redirectOutput(tempDir.resolve("cli.out").toFile())
                .redirectError(tempDir.resolve("cli.err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("METACORTEX_"));
        builder.environment().putAll(environment);
        Process cli = builder.start();
        try {
            assertThat(cli.waitFor(60, TimeUnit.SECONDS))
                    .as("bin/metacortex %s ends", List.of(args))
                    .isTrue();
        } finally {
            cli.destroyForcibly();
        }
        return new Run(
                cli.exitValue(),
                Files.readString(tempDir.resolve("cli.out"), StandardCharsets.UTF_8),
                Files.readString(tempDir.resolve("cli.err"), StandardCharsets.UTF_8));
    }

    private long activePlugins(String url) throws InterruptedException {
        try {
            HttpResponse<String> plugins = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/admin/plugins"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + adminToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return plugins.statusCode() != 200 ? -1 : plugins.body().split("\"state\":\"ACTIVE\"", -1).length - 1;
        } catch (IOException notYet) {
            return -1;
        }
    }
}

package io.metacortex.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metacortex.db.testing.PostgresProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled distribution ({@code target/metacortex}, {@code bin/metacortex} and the shipped configuration) run
 * as the unprivileged account {@code nobody}, as the README's production section says to run it (a system user
 * owning the data directory and nothing else): it creates its data directory's contents readable by that account
 * only, runs its embedded PostgreSQL as the same account (no user namespace, no {@code setpriv}), answers
 * {@code /health/ready} and a plugin's route, and leaves no PostgreSQL behind once stopped by SIGTERM to its PID.
 *
 * <p>Only root can start a process as another account. When the build does not run as root, every other test
 * already runs the host and its embedded PostgreSQL as an unprivileged user (the build's), so this one is skipped.
 */
class UnprivilegedDistributionIT {

    private static final String ACCOUNT = "nobody";
    private static final Path DISTRIBUTION = DistributionServer.DISTRIBUTION;

    @TempDir
    Path tempDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String adminToken = UUID.randomUUID().toString();
    private DistributionServer running;

    @AfterEach
    void stopWhatIsLeft() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theDistributionRunsAsAnUnprivilegedAccountThatOwnsItsDataDirectory() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "not root: the other tests already run the host and its embedded PostgreSQL as an unprivileged user");
        assertThat(DISTRIBUTION.resolve("bin/metacortex")).isExecutable();
        int uid = Integer.parseInt(run("id", "-u", ACCOUNT));
        int gid = Integer.parseInt(run("id", "-g", ACCOUNT));
        // The account passes through the test's directory to its data directory, which it owns and nothing else.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path data = Files.createDirectory(tempDir.resolve("data"));
        Files.setAttribute(data, "unix:uid", uid);
        Files.setAttribute(data, "unix:gid", gid);

        running = DistributionServer.on(data, adminToken)
                .as(uid, gid)
                .shippedLogLevel()
                .classDataSharing()
                .javaOptions("-XX:TieredStopAtLevel=1")
                .start()
                .awaitReady();
        Process host = running.process();
        Path log = running.log();
        int port = running.port();
        assertThat(ProcessHandle.of(host.pid()).orElseThrow().info().user()).hasValue(ACCOUNT);
        List<ProcessHandle> postmasters = PostgresProcesses.postmasters(running.postgres());
        assertThat(postmasters).hasSize(1);
        assertThat(postmasters.get(0).info().user()).hasValue(ACCOUNT);
        assertThat(Files.readString(log)).contains("running as the current user");

        String userToken = userToken(port);
        await("the tasks plugin installed from plugins/")
                .atMost(DistributionServer.START)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(get("http://127.0.0.1:" + port + "/api/tasks", userToken)) == 200);

        assertOwnedByTheAccount(data, "rwx------");
        assertOwnedByTheAccount(data.resolve("secret-keys"), "rw-------");
        assertOwnedByTheAccount(data.resolve("postgres.password"), "rw-------");
        assertOwnedByTheAccount(data.resolve("postgres"), "rwx------");
        String password = Files.readString(data.resolve("postgres.password")).strip();
        assertThat(Files.readString(log)).doesNotContain(password);

        running.stop();
    }

    private String userToken(int port) throws Exception {
        HttpResponse<String> user = post(
                "http://127.0.0.1:" + port + "/admin/users",
                "{\"email\": \"operator@example.com\", \"displayName\": \"Operator\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        HttpResponse<String> token = post(
                "http://127.0.0.1:" + port + "/admin/users/" + field(user.body(), "id") + "/tokens",
                "{\"name\": \"unprivileged\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return field(token.body(), "token");
    }

    private void assertOwnedByTheAccount(Path path, String permissions) throws IOException {
        assertThat(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName())
                .as("owner of %s", path)
                .isEqualTo(ACCOUNT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                .as("permissions of %s", path)
                .isEqualTo(permissions);
    }

    private HttpResponse<String> post(String uri, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return the answer, or null when nothing answers yet */
    private HttpResponse<String> get(String uri, String token) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(5))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
            return null;
        }
    }

    private static int status(HttpResponse<String> response) {
        return response == null ? -1 : response.statusCode();
    }

    private static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
        return matcher.group(1);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }
}

package io.metacortex.host.testing;

import static org.awaitility.Awaitility.await;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.host.MetaCortexApplication;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A MetaCortex host in a JVM of its own ({@code MetaCortexApplication server <yml>} on the test classpath), so a
 * test can SIGKILL or SIGTERM it mid-operation and start it again on the same database and data directory: a test
 * database, or the embedded PostgreSQL in {@code data/postgres} ({@link #onEmbeddedDatabase}). Its console output
 * goes to {@code host.log} in its directory, whose tail is quoted when it does not behave.
 */
public final class HostProcess implements AutoCloseable {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(90);

    private final Path directory;
    private final Path log;
    private final Path yaml;
    private final int port;
    private final int adminPort;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private Process process;
    private String userToken;
    private String maxHeap = "384m";

    private HostProcess(Path directory, int port, int adminPort) {
        this.directory = directory;
        this.log = directory.resolve("host.log");
        this.yaml = directory.resolve("metacortex.yml");
        this.port = port;
        this.adminPort = adminPort;
    }

    /** Starts a host on {@code database} keeping its state under {@code directory}, and waits until it answers. */
    public static HostProcess start(TestDatabase database, Path directory) {
        HostProcess host = new HostProcess(directory, freePort(), freePort());
        host.writeConfiguration(database, "");
        host.launch();
        host.awaitReady();
        return host;
    }

    /**
     * {@link #start(TestDatabase, Path)} with a heap of another size, e.g. {@code 160m} for a test that exhausts it.
     */
    public static HostProcess start(TestDatabase database, Path directory, String maxHeap) {
        HostProcess host = new HostProcess(directory, freePort(), freePort());
        host.maxHeap = maxHeap;
        host.writeConfiguration(database, "");
        host.launch();
        host.awaitReady();
        return host;
    }

    /**
     * A host on the embedded PostgreSQL (no {@code database.url}), keeping its state, the cluster included, under
     * {@code directory}; not started yet: {@link #launch()} it.
     */
    public static HostProcess onEmbeddedDatabase(Path directory) {
        return onEmbeddedDatabase(directory, "");
    }

    /**
     * A host on the embedded PostgreSQL, not started yet, with more settings in its {@code plugins} section.
     *
     * @param pluginSettings YAML lines of the {@code plugins} section, indented as at its top level (e.g.
     *     {@code "trustedCode: [hostile-quitter]\nstartTimeout: 5m"})
     */
    public static HostProcess onEmbeddedDatabase(Path directory, String pluginSettings) {
        HostProcess host = new HostProcess(directory, freePort(), freePort());
        host.writeConfiguration(null, pluginSettings);
        return host;
    }

    /** Starts the JVM and returns at once; see {@link #awaitReady()}. */
    public void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx" + maxHeap,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        hostClasspath(),
                        MetaCortexApplication.class.getName(),
                        "server",
                        yaml.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the admin port answers: Jetty opens its connectors after the plugins were restored. */
    public void awaitReady() {
        awaitWhileAlive("the host answering on its admin port", () -> {
            try {
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Waits until the host wrote {@code text} to its console (a log line marking a moment of its start). */
    public void awaitLog(String text) {
        awaitWhileAlive("the host logging '" + text + "'", () -> log().contains(text));
    }

    /** Waits for {@code condition}, failing at once (with the log's tail) if the JVM exits first. */
    private void awaitWhileAlive(String what, Callable<Boolean> condition) {
        await(what).atMost(STARTUP_DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (condition.call()) {
                return true;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The host exited with " + process.exitValue() + ":\n" + logTail());
            }
            return false;
        });
    }

    /** Kills the JVM with SIGKILL (no shutdown hooks, no cleanup) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Sends SIGTERM to the JVM (its shutdown hooks run) and returns at once; see {@link #awaitExit()}. */
    public void terminate() {
        process.destroy();
    }

    /** @return the JVM's exit code, once it has exited */
    public int awaitExit() {
        try {
            if (!process.waitFor(STARTUP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The host did not exit within " + STARTUP_DEADLINE + ":\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the process id of the host's JVM */
    public long pid() {
        return process.pid();
    }

    /** @return the application port */
    public int port() {
        return port;
    }

    /** @return the embedded PostgreSQL's data directory */
    public Path postgresDirectory() {
        return directory.resolve("data").resolve("postgres");
    }

    /** Starts the host again on the same state (kills it first if it still runs). */
    public void restart() {
        if (process.isAlive()) {
            kill();
        }
        launch();
        awaitReady();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A GET as a test user, created through the admin API on first use (users survive restarts). */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + userToken())
                .GET());
    }

    /** A POST of JSON as the test user. */
    public Reply postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + userToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A PUT of JSON as the test user. */
    public Reply putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + userToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String userToken() {
        if (userToken == null) {
            Reply user = send(jsonAdminRequest(
                    "/admin/users", "{\"email\": \"crash@example.com\", \"displayName\": \"Crash Tester\"}"));
            String id = user.status() == 409
                    ? existingUserId("crash@example.com")
                    : user.json().get("id").asText();
            Reply token = send(jsonAdminRequest("/admin/users/" + id + "/tokens", "{\"name\": \"crash tests\"}"));
            userToken = token.json().get("token").asText();
        }
        return userToken;
    }

    /** The test user made by another host on the same database. */
    private String existingUserId(String email) {
        for (var user : admin("GET", "/admin/users", null).json()) {
            if (user.get("email").asText().equals(email)) {
                return user.get("id").asText();
            }
        }
        throw new IllegalStateException("No user " + email);
    }

    private HttpRequest.Builder jsonAdminRequest(String path, String json) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** {@code GET <path>} on the Dropwizard admin port, e.g. {@code /metrics}. */
    public Reply adminPort(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .GET());
    }

    /** {@code GET /healthcheck} on the Dropwizard admin port. */
    public Reply healthcheck() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                .GET());
    }

    /** An admin request with the admin token; {@code jar} may be null. */
    public Reply admin(String method, String path, byte[] jar) {
        return send(adminRequest(method, path, jar));
    }

    /** Sends an admin request without waiting for its answer (which a kill may prevent). */
    public CompletableFuture<HttpResponse<String>> adminAsync(String method, String path, byte[] jar) {
        return http.sendAsync(adminRequest(method, path, jar).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return everything the host wrote to its console, over all its runs */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** @return the last lines the host wrote to its console */
    public String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private HttpRequest.Builder adminRequest(String method, String path, byte[] jar) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN);
        if (jar == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/java-archive")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(jar));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** With no {@code database} section when {@code database} is null: the embedded PostgreSQL. */
    private void writeConfiguration(TestDatabase database, String pluginSettings) {
        String databaseSection =
                database == null ? "" : """
                database:
                  url: "%s"
                  user: %s
                  password: "%s"
                """.formatted(database.url(), database.user(), database.password());
        String text = """
                dataDirectory: %s
                %sadmin:
                  token: %s
                plugins:
                  deployDirectory: %s
                  scanInterval: 0s
                  drainTimeout: 5s
                %sjobs:
                  pollingInterval: 200ms
                server:
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                logging:
                  level: INFO
                """.formatted(
                        directory.resolve("data"),
                        databaseSection,
                        RunningHost.ADMIN_TOKEN,
                        directory.resolve("deploy"),
                        pluginSettings.lines().map(line -> "  " + line + "\n").collect(Collectors.joining()),
                        port,
                        adminPort);
        try {
            Files.writeString(yaml, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The classpath of this test JVM, which holds the host and all its dependencies. Surefire must pass it as a
     * plain {@code -cp} ({@code useManifestOnlyJar=false}), not through a manifest-only jar.
     */
    private static String hostClasspath() {
        String classpath = System.getProperty("java.class.path");
        String hostClasses = MetaCortexApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        boolean listsHost = List.of(classpath.split(File.pathSeparator)).stream()
                .anyMatch(entry -> Path.of(entry)
                        .toAbsolutePath()
                        .equals(Path.of(hostClasses).toAbsolutePath()));
        if (!listsHost) {
            throw new IllegalStateException("java.class.path does not list the host classes (" + hostClasses
                    + "); configure surefire with useManifestOnlyJar=false");
        }
        return classpath;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

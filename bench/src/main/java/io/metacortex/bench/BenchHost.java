package io.metacortex.bench;

import static io.metacortex.bench.Bench.JSON;
import static io.metacortex.bench.Bench.env;
import static io.metacortex.bench.Bench.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The distribution's host as a child process of a Java bench, on loopback: the application on {@code port}, the
 * admin connector on {@code port + 1}, its log, data and plugins directories ({@code <name>-host.log},
 * {@code <name>-host-data}, {@code <name>-plugins}) in the bench's work directory, and an admin token of its own.
 * {@link #stop()} stops the process it started, by that process's PID ({@link Process#destroy()}, then waiting for
 * it): call {@link #start} inside a {@code try} whose {@code finally} calls {@link #stop()}, so that a start that fails
 * half-way (the host not getting ready) stops it too.
 */
final class BenchHost {

    private final String adminToken = "bench-" + UUID.randomUUID();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String name;
    private final Path distribution;
    private final Path work;
    private final int port;
    private final Duration requestTimeout;
    private String logLevel = "WARN";
    private Process process;
    private long startedNanos;
    private String userId;
    private String userToken;

    /** @param requestTimeout how long {@link #send} and {@link #postAsAdmin} wait for an answer */
    BenchHost(String name, Path distribution, Path work, int port, Duration requestTimeout) {
        this.name = name;
        this.distribution = distribution;
        this.work = work;
        this.port = port;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Starts {@code bin/metacortex server conf/metacortex.yml} of the distribution on the database {@code db}, with
     * the named plugins of the distribution's {@code plugins} directory copied into its own plugins directory, at log
     * level WARN (or {@link #logLevel}), {@code JAVA_OPTS} being {@code BENCH_JAVA_OPTS} followed by
     * {@code javaOptions}. Does not wait.
     */
    void start(BenchDatabase database, String db, List<String> plugins, String javaOptions) throws IOException {
        start(database, db, plugins, javaOptions, Map.of());
    }

    /**
     * As {@link #start(BenchDatabase, String, List, String)}, with {@code environment} set last: it overrides the
     * defaults (e.g. {@code METACORTEX_LOG_LEVEL}, WARN otherwise).
     */
    void start(
            BenchDatabase database,
            String db,
            List<String> plugins,
            String javaOptions,
            Map<String, String> environment)
            throws IOException {
        launch(
                Map.of("METACORTEX_DB_URL", database.url(db), "METACORTEX_DB_USER", database.user()),
                plugins,
                javaOptions,
                environment);
    }

    /** As {@link #start}, without {@code METACORTEX_DB_URL}: the host starts its embedded PostgreSQL. */
    void startEmbedded(List<String> plugins, String javaOptions) throws IOException {
        launch(Map.of(), plugins, javaOptions, Map.of());
    }

    private void launch(
            Map<String, String> database, List<String> plugins, String javaOptions, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        distribution.resolve("bin/metacortex").toString(),
                        "server",
                        distribution.resolve("conf/metacortex.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        Path pluginsDir = Files.createDirectories(work.resolve(name + "-plugins"));
        for (String plugin : plugins) {
            try (var found = Files.list(distribution.resolve("plugins"))) {
                Path source = found.filter(p -> p.getFileName().toString().contains("-" + plugin + "-"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + plugin + " jar in the distribution"));
                Files.copy(source, pluginsDir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        builder.environment()
                .putAll(Map.of(
                        "METACORTEX_PORT",
                        String.valueOf(port),
                        "METACORTEX_ADMIN_PORT",
                        String.valueOf(port + 1),
                        "METACORTEX_ADMIN_TOKEN",
                        adminToken,
                        "METACORTEX_DATA_DIR",
                        work.resolve(name + "-host-data").toString(),
                        "METACORTEX_PLUGINS_DIR",
                        pluginsDir.toString(),
                        "METACORTEX_LOG_LEVEL",
                        logLevel,
                        "JAVA_OPTS",
                        env("BENCH_JAVA_OPTS", "") + javaOptions));
        builder.environment().remove("METACORTEX_DB_URL");
        builder.environment().putAll(database);
        builder.environment().putAll(environment);
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /** The root log level of the next {@link #start} (WARN unless set). */
    void logLevel(String level) {
        logLevel = level;
    }

    /** @return the host's log file (console output), rewritten at each start */
    Path log() {
        return work.resolve(name + "-host.log");
    }

    /** @return {@link System#nanoTime()} just before the last {@link #start} started the process */
    long startedNanos() {
        return startedNanos;
    }

    /** Waits, at most 2 minutes, until the admin connector's health check answers 200. */
    void awaitHealthy() throws Exception {
        await(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1) + "/healthcheck"))
                        .build(),
                reply -> reply.statusCode() == 200,
                "the host did not start");
    }

    /** Waits, at most 2 minutes, until GET {@code path} as the admin answers 200 with a body {@code ready} accepts. */
    void awaitAdmin(String path, Predicate<String> ready, String notReady) throws Exception {
        await(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + adminToken)
                        .build(),
                reply -> reply.statusCode() == 200 && ready.test(reply.body()),
                notReady);
    }

    /** Waits, at most 2 minutes, until {@code GET /admin/plugins} lists every one of {@code ids} and none failed. */
    void awaitPlugins(List<String> ids) throws Exception {
        awaitAdmin(
                "/admin/plugins",
                body -> ids.stream().allMatch(id -> body.contains("\"id\":\"" + id + "\"")) && !body.contains("FAILED"),
                ids + " not active");
    }

    private void await(HttpRequest probe, Predicate<HttpResponse<String>> ready, String notReady) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                if (ready.test(http.send(probe, HttpResponse.BodyHandlers.ofString()))) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            require(System.nanoTime() < deadline, notReady + " within 2 minutes: see " + name + "-host.log");
            Thread.sleep(100);
        }
    }

    /**
     * Creates a user as the admin, and a token for it that {@link #send} uses from then on.
     *
     * @return the user's id
     */
    String createUser(String email, String displayName) throws Exception {
        String created = "{\"email\": \"" + email + "\", \"displayName\": \"" + displayName + "\"}";
        JsonNode user = postAsAdmin("/admin/users", created.getBytes(), "application/json", 201);
        userId = user.get("id").asText();
        userToken = postAsAdmin(
                        "/admin/users/" + userId + "/tokens",
                        "{\"name\": \"bench\"}".getBytes(),
                        "application/json",
                        201)
                .get("token")
                .asText();
        return userId;
    }

    /** @return the token of the user {@link #createUser} created, for wrk's {@code Authorization} header */
    String userToken() {
        return userToken;
    }

    /** Sends a request as the admin. @return the answer's status */
    int sendAsAdmin(String method, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(requestTimeout)
                                .header("Authorization", "Bearer " + adminToken)
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** @return the status of an anonymous GET of {@code path} */
    int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(requestTimeout)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** @return the URL of {@code path} on the application connector */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** @return the id of the user {@link #createUser} created */
    String userId() {
        return userId;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return the PID of the host's process (the JVM: bin/metacortex execs java), for jcmd */
    long pid() {
        return process.pid();
    }

    /** Sends JSON as the user of {@link #createUser}. @return the answer's JSON, which must have status expected */
    JsonNode send(String method, String path, String json, int expected) throws Exception {
        return send(method, path, HttpRequest.BodyPublishers.ofString(json), "application/json", userToken, expected);
    }

    /** POSTs as the admin. @return the answer's JSON, which must have status expected */
    JsonNode postAsAdmin(String path, byte[] body, String type, int expected) throws Exception {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), type, adminToken, expected);
    }

    private JsonNode send(
            String method, String path, HttpRequest.BodyPublisher body, String type, String token, int expected)
            throws Exception {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(requestTimeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", type)
                        .method(method, body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        require(reply.statusCode() == expected, path + " answered " + reply.statusCode() + " " + reply.body());
        return JSON.readTree(reply.body());
    }

    /** Stops the host this instance started, if it did: by its PID, then waits until it is gone. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }
}

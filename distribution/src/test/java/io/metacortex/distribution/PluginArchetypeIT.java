package io.metacortex.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's way from the distribution to an installed plugin, as a new author takes it: {@code mvn
 * archetype:generate} against the distribution's {@code sdk/} (its {@code settings.xml} adding {@code sdk/repository}),
 * {@code mvn package} of the generated project (its tests included) with an empty local repository, so that every
 * io.metacortex artifact comes from {@code sdk/repository} and the rest from Maven Central, then the jar installed on
 * the distribution's host and its route called by a user. Each Maven runs with a deadline and is killed (with its
 * forks) when it passes it.
 */
class PluginArchetypeIT {

    private static final Path DISTRIBUTION = DistributionServer.DISTRIBUTION;
    private static final String SDK_VERSION = System.getProperty("metacortex.sdk.version");
    private static final Duration GENERATE = Duration.ofMinutes(5);
    private static final Duration BUILD = Duration.ofMinutes(15);

    @TempDir
    Path tempDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String adminToken = UUID.randomUUID().toString();
    private final List<Process> started = new ArrayList<>();
    private DistributionServer server;

    @AfterEach
    void stopWhatIsLeft() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aGeneratedProjectBuildsFromTheSdkAloneAndInstallsOnTheHost() throws Exception {
        assertThat(SDK_VERSION).as("system property metacortex.sdk.version").isNotBlank();
        Path repository = Files.createDirectory(tempDir.resolve("empty-local-repository"));
        Path projects = Files.createDirectory(tempDir.resolve("projects"));

        long generateStart = System.nanoTime();
        maven(
                projects,
                repository,
                GENERATE,
                "generate.log",
                "archetype:generate",
                "-DarchetypeGroupId=io.metacortex",
                "-DarchetypeArtifactId=metacortex-plugin-archetype",
                "-DarchetypeVersion=" + SDK_VERSION,
                "-DgroupId=com.example.hello",
                "-DartifactId=hello-plugin",
                "-DpluginId=hello",
                "-DpluginName=Hello");
        long buildStart = System.nanoTime();
        Path project = projects.resolve("hello-plugin");
        String build = maven(project, repository, BUILD, "build.log", "package");
        System.out.printf(
                "PluginArchetypeIT: generate %d s, package %d s (empty local repository)%n",
                Duration.ofNanos(buildStart - generateStart).toSeconds(),
                Duration.ofNanos(System.nanoTime() - buildStart).toSeconds());

        assertThat(build).contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(Files.list(repository.resolve("io/metacortex"))
                        .map(p -> p.getFileName().toString()))
                .as("what the build took from sdk/repository, at the SDK's release version only")
                .contains("metacortex-plugin-api", "metacortex-plugin-bom", "metacortex-plugin-testing");
        Path jar = project.resolve("target/hello-plugin-1.0.0.jar");
        try (JarFile bundle = new JarFile(jar.toFile())) {
            var manifest = bundle.getManifest().getMainAttributes();
            assertThat(manifest.getValue("MetaCortex-Plugin-Id")).isEqualTo("hello");
            String apiMinor = SDK_VERSION.substring(0, SDK_VERSION.lastIndexOf('.'));
            assertThat(manifest.getValue("Import-Package"))
                    .contains("io.metacortex.plugin.api;version=\"[" + apiMinor + ",2)\"")
                    .contains("org.jdbi.v3.sqlobject.statement;version=\"[3.51,4)\"")
                    .doesNotContain("io.metacortex.plugin.support");
        }

        int port = startHost();
        HttpResponse<String> installed = send(
                port,
                "POST",
                "/admin/plugins",
                "Bearer " + adminToken,
                "application/java-archive",
                HttpRequest.BodyPublishers.ofFile(jar));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(json.readTree(installed.body()).get("state").asText()).isEqualTo("ACTIVE");

        String user = "Bearer " + userToken(port);
        HttpResponse<String> created = send(
                port,
                "POST",
                "/api/hello",
                user,
                "application/json",
                HttpRequest.BodyPublishers.ofString("{\"text\": \"Hello from the archetype\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/hello/" + id));

        HttpResponse<String> listed = send(port, "GET", "/api/hello", user, null, HttpRequest.BodyPublishers.noBody());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).findValuesAsText("text")).containsExactly("Hello from the archetype");

        HttpResponse<String> blank = send(
                port,
                "POST",
                "/api/hello",
                user,
                "application/json",
                HttpRequest.BodyPublishers.ofString("{\"text\": \"\"}"));
        assertThat(blank.statusCode()).as(blank.body()).isEqualTo(422);
        assertThat(json.readTree(blank.body()).get("fields").fieldNames())
                .toIterable()
                .containsExactly("text");
        // -parameters: a missing body is named by the resource method's parameter, not "arg1".
        HttpResponse<String> empty =
                send(port, "POST", "/api/hello", user, "application/json", HttpRequest.BodyPublishers.noBody());
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(422);
        assertThat(json.readTree(empty.body()).get("fields").get("greeting").asText())
                .as(empty.body())
                .isEqualTo("must not be null");
        HttpResponse<String> other =
                send(port, "GET", "/api/hello/" + (id + 1), user, null, HttpRequest.BodyPublishers.noBody());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json.readTree(other.body()).get("error").asText()).isEqualTo("greeting not found");
    }

    /** The README's commands and POM name the SDK this build releases (a bump of it must reach the guide). */
    @Test
    void theReadmeGuideNamesThisSdkVersion() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme)
                .contains("-DarchetypeVersion=" + SDK_VERSION + " ")
                .contains(
                        "<artifactId>metacortex-plugin-bom</artifactId>\n      <version>" + SDK_VERSION + "</version>")
                .doesNotContain("0.1.0-SNAPSHOT");
    }

    /** Runs Maven in {@code directory} with the SDK's settings and {@code repository} as local repository. */
    private String maven(Path directory, Path repository, Duration deadline, String logName, String... goals)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B",
                "-ntp",
                "-s",
                DISTRIBUTION.resolve("sdk/settings.xml").toString(),
                "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(goals));
        Path log = tempDir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("METACORTEX_HOME", DISTRIBUTION.toString());
        Process maven = builder.start();
        started.add(maven);
        if (!maven.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " (PID " + maven.pid() + ") still ran after "
                    + deadline + ", killed. Its log:\n" + tail(log));
        }
        String output = Files.readString(log);
        assertThat(maven.exitValue())
                .as("mvn %s in %s exited; its log:%n%s", String.join(" ", goals), directory, tail(log))
                .isZero();
        return output;
    }

    /** Starts the distribution on an embedded PostgreSQL in the temp directory. @return its API port */
    private int startHost() throws Exception {
        server = DistributionServer.start(tempDir, adminToken).awaitReady();
        return server.port();
    }

    /** A user and a personal access token of theirs, through the admin API. */
    private String userToken(int port) throws Exception {
        HttpResponse<String> user = send(
                port,
                "POST",
                "/admin/users",
                "Bearer " + adminToken,
                "application/json",
                HttpRequest.BodyPublishers.ofString("{\"email\": \"ada@example.com\", \"displayName\": \"Ada\"}"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String id = json.readTree(user.body()).get("id").asText();
        HttpResponse<String> token = send(
                port,
                "POST",
                "/admin/users/" + id + "/tokens",
                "Bearer " + adminToken,
                "application/json",
                HttpRequest.BodyPublishers.ofString("{\"name\": \"archetype\"}"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        JsonNode body = json.readTree(token.body());
        return body.get("token").asText();
    }

    private HttpResponse<String> send(
            int port,
            String method,
            String path,
            String authorization,
            String contentType,
            HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}

package io.metacortex.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.host.MetaCortexApplication;
import io.metacortex.host.MetaCortexConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A MetaCortex host started in this JVM on random ports, with its own data directory and database, plus an HTTP
 * client for its API. {@link #restart()} stops and starts it on the same state.
 */
public final class RunningHost implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetaCortexConfiguration config;
    private String userToken;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private DropwizardTestSupport<MetaCortexConfiguration> support;

    private RunningHost(MetaCortexConfiguration config) {
        this.config = config;
    }

    /** Starts a host on {@code database} (null: the embedded PostgreSQL) keeping its state in {@code dataDir}. */
    public static RunningHost start(TestDatabase database, Path dataDir) {
        return start(database, dataDir, c -> {});
    }

    public static RunningHost start(TestDatabase database, Path dataDir, Consumer<MetaCortexConfiguration> tweak) {
        MetaCortexConfiguration config = new MetaCortexConfiguration();
        config.setDataDirectory(dataDir);
        if (database != null) {
            config.getDatabase().setUrl(database.url());
            config.getDatabase().setUser(database.user());
            config.getDatabase().setPassword(database.password());
        }
        config.getAdmin().setToken(ADMIN_TOKEN);
        config.getPlugins().setDeployDirectory(dataDir.resolve("deploy"));
        config.getPlugins().setScanInterval(Duration.seconds(0));
        config.getPlugins().setMaxUploadSize(DataSize.megabytes(5));
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
        ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
        tweak.accept(config);
        RunningHost host = new RunningHost(config);
        host.startSupport();
        host.userToken = host.createUserWithToken("tester@example.com", "Tess Tester");
        return host;
    }

    /** Creates a user through the admin API; @return a personal access token for them */
    public String createUserWithToken(String email, String displayName) {
        Reply user = adminJson(
                "POST", "/admin/users", "{\"email\": \"" + email + "\", \"displayName\": \"" + displayName + "\"}");
        if (user.status() != 201) {
            throw new IllegalStateException("Could not create a test user: " + user);
        }
        Reply token = adminJson(
                "POST", "/admin/users/" + user.json().get("id").asText() + "/tokens", "{\"name\": \"tests\"}");
        if (token.status() != 201) {
            throw new IllegalStateException("Could not create a test token: " + token);
        }
        return token.json().get("token").asText();
    }

    /** @return the personal access token of the test user every plugin request is sent as */
    public String userToken() {
        return userToken;
    }

    private void startSupport() {
        support = new DropwizardTestSupport<>(MetaCortexApplication.class, config);
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException("The host did not start", e);
        }
    }

    public void restart() {
        support.after();
        startSupport();
    }

    public MetaCortexApplication app() {
        return (MetaCortexApplication) support.getApplication();
    }

    public MetaCortexConfiguration config() {
        return config;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + support.getLocalPort() + path);
    }

    public URI adminPortUri(String path) {
        return URI.create("http://127.0.0.1:" + support.getAdminPort() + path);
    }

    /** A GET as the test user. */
    public Reply get(String path) {
        return send(asUser(HttpRequest.newBuilder(uri(path)).GET()));
    }

    /** A POST of JSON as the test user. */
    public Reply postJson(String path, String json) {
        return send(asUser(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    /** A request as the test user: the given method, path and JSON body (null for none). */
    public Reply asUser(String method, String path, String json) {
        return as(userToken, method, path, json);
    }

    /** A request with a bearer token: the given method, path and JSON body (null for none). */
    public Reply as(String token, String method, String path, String json) {
        return send(
                withBody(HttpRequest.newBuilder(uri(path)), method, json).header("Authorization", "Bearer " + token));
    }

    /** Adds the test user's token to a request. */
    public HttpRequest.Builder asUser(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + userToken);
    }

    /** An admin request with the bootstrap token and a JSON body. */
    public Reply adminJson(String method, String path, String json) {
        return as(ADMIN_TOKEN, method, path, json);
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder request, String method, String json) {
        return json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    /** An admin request with the bootstrap token and a jar (or no) body. */
    public Reply admin(String method, String path, byte[] jar) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
        if (jar == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/java-archive")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(jar));
        }
        return send(request);
    }

    public Reply install(byte[] jar) {
        return admin("POST", "/admin/plugins", jar);
    }

    public Reply install(Path jar) {
        return install(Fixtures.bytes(jar));
    }

    /**
     * Installs a jar whose declared permissions the admin accepts, as the admin API's {@code ?accept=} labels them,
     * e.g. {@code users:read} ({@link Fixtures#TASKS_PERMISSIONS}).
     */
    public Reply install(byte[] jar, String acceptedPermissions) {
        return admin("POST", "/admin/plugins?accept=" + acceptedPermissions, jar);
    }

    public Reply install(Path jar, String acceptedPermissions) {
        return install(Fixtures.bytes(jar), acceptedPermissions);
    }

    public Reply upgrade(String id, byte[] jar) {
        return admin("PUT", "/admin/plugins/" + id, jar);
    }

    public Reply send(HttpRequest.Builder request) {
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

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        support.after();
    }

    /** An HTTP response: status, body, and the body parsed as JSON on demand. */
    public record Reply(int status, String body, String contentType) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static Path createDirectories(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.metacortex.calendar.internal.remote;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's radicale (a CalDAV server nobody here wrote) on a free loopback port, with a temporary storage folder and
 * plain htpasswd users {@code alice:alice-secret} and {@code bob:bob-secret}; stopped (by its process) after the
 * class, also when a test failed. Skips the class when radicale is missing, except under CI ({@code CI} set), where
 * {@code .ci/run} installs it and its absence fails.
 */
final class Radicale implements BeforeAllCallback, AfterAllCallback {

    static final Path RADICALE = Path.of("/usr/bin/radicale");

    private Path folder;
    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        boolean installed = Files.isExecutable(RADICALE);
        if (!installed && System.getenv("CI") != null) {
            fail("radicale is not installed: .ci/run installs it (apt-get install radicale)");
        }
        assumeTrue(installed, "the CalDAV client's tests need Debian's radicale");
        folder = Files.createTempDirectory("metacortex-radicale");
        Files.writeString(folder.resolve("users"), "alice:alice-secret\nbob:bob-secret\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(
                folder.resolve("config"),
                String.join(
                        "\n",
                        "[server]",
                        "hosts = 127.0.0.1:" + port,
                        "[auth]",
                        "type = htpasswd",
                        "htpasswd_filename = " + folder.resolve("users"),
                        "htpasswd_encryption = plain",
                        "delay = 0",
                        "[rights]",
                        "type = owner_only",
                        "[storage]",
                        "filesystem_folder = " + folder.resolve("collections"),
                        "[logging]",
                        "level = warning",
                        ""));
        process = new ProcessBuilder(
                        RADICALE.toString(),
                        "--config",
                        folder.resolve("config").toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("radicale.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(this::answers);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("radicale ended: " + log());
        }
        try {
            client().send(HttpRequest.newBuilder(uri("/")).GET().build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(folder.resolve("radicale.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A client per request: radicale answers HTTP/1.0 and closes each connection, which the JDK's client may not
     * notice before it sends the next request on it.
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends a request as {@code user} (whose password is {@code <user>-secret}). */
    HttpResponse<String> send(String user, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** @return the collection's {@code DAV:sync-token} and {@code CS:getctag}, as the server shows them now */
    java.util.List<String> collectionState(String user, String path) throws IOException, InterruptedException {
        String body = send(
                        user,
                        "PROPFIND",
                        path,
                        "application/xml",
                        "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\" xmlns:cs=\"http://calendarserver.org/ns/\">"
                                + "<d:prop><cs:getctag/><d:sync-token/></d:prop></d:propfind>")
                .body();
        java.util.regex.Matcher token =
                java.util.regex.Pattern.compile("sync-token>([^<]+)<").matcher(body);
        java.util.regex.Matcher ctag =
                java.util.regex.Pattern.compile("getctag>([^<]+)<").matcher(body);
        if (!token.find() || !ctag.find()) {
            throw new IllegalStateException("no sync-token or getctag in " + body);
        }
        return java.util.List.of(token.group(1), ctag.group(1));
    }

    /** Creates the calendar collection {@code /<user>/<name>/} (its display name is {@code name}). */
    void makeCalendar(String user, String name) throws IOException, InterruptedException {
        // The principal collection comes into being at the user's first request.
        send(
                user,
                "PROPFIND",
                "/" + user + "/",
                "application/xml",
                "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/></d:prop></d:propfind>");
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:set><d:prop><d:displayname>%s</d:displayname></d:prop></d:set>
                </c:mkcalendar>
                """.formatted(name);
        HttpResponse<String> made = send(user, "MKCALENDAR", "/" + user + "/" + name + "/", "application/xml", body);
        if (made.statusCode() != 201) {
            throw new IllegalStateException("MKCALENDAR answered " + made.statusCode() + ": " + made.body());
        }
    }
}

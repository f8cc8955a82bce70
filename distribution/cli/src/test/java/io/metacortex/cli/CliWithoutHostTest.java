package io.metacortex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the CLI says and exits with when there is no host to talk to, no token, a usage error, or a server that fails
 * (a loopback server answering as a failing host would).
 */
class CliWithoutHostTest {

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServerThatIsDownExitsWithOneAndSaysWhere() {
        String url = "http://127.0.0.1:" + freePort();

        CliRun run = CliRun.run(Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", "secret-token"), "plugin", "list");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("metacortex: Cannot reach the server at " + url + "/ (connection refused). Is it running?"
                        + " Point --url or METACORTEX_URL at its application port.\n");
    }

    @Test
    void noTokenExitsWithOneAndSaysHowToGiveOne() {
        CliRun run = CliRun.run(Map.of(), "plugin", "list");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("metacortex: No admin token: pass --token <token> or set METACORTEX_TOKEN");

        CliRun spaced = CliRun.run(Map.of("METACORTEX_TOKEN", "two words"), "audit");
        assertThat(spaced.exitCode()).as(spaced.toString()).isEqualTo(1);
        assertThat(spaced.err())
                .startsWith("metacortex: The admin token holds spaces or control characters")
                .doesNotContain("two words");
    }

    @Test
    void aUrlThatIsNoneIsAUsageError() {
        CliRun run = CliRun.run(Map.of("METACORTEX_TOKEN", "t"), "audit", "--url", "ftp://example.com");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("metacortex: Not an http(s) URL: 'ftp://example.com'.");
        assertThat(CliRun.run(Map.of("METACORTEX_TOKEN", "t"), "audit", "--url", "http://bad host")
                        .err())
                .startsWith("metacortex: Not a URL: 'http://bad host'");
    }

    @Test
    void usageErrorsExitWithOneAndShowTheUsage() {
        CliRun unknown = CliRun.run(Map.of(), "plugin", "frobnicate");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("Unmatched argument at index 1: 'frobnicate'\nDid you mean: ");

        CliRun missing = CliRun.run(Map.of(), "plugin", "install");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Missing required parameter: '<jar>'\nUsage: metacortex plugin install");

        CliRun none = CliRun.run(Map.of());
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
        assertThat(none.err()).startsWith("Missing command: plugin, user, token or audit");

        CliRun plugin = CliRun.run(Map.of(), "user");
        assertThat(plugin.exitCode()).as(plugin.toString()).isEqualTo(1);
        assertThat(plugin.err()).startsWith("Missing command: [create]");

        CliRun token = CliRun.run(Map.of(), "token");
        assertThat(token.err()).startsWith("Missing command: [create]");
        CliRun plugins = CliRun.run(Map.of(), "plugin");
        assertThat(plugins.err()).startsWith("Missing command: [list, show, install, preview, upgrade, rollback,");
    }

    @Test
    void helpListsTheCommandsTheOptionsAndTheExitCodes() {
        CliRun help = CliRun.run(Map.of(), "--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out())
                .startsWith("Usage: metacortex [-h] [--json] [--token=<token>] [--url=<url>] (plugin | user")
                .contains("  plugin  List, install, upgrade")
                .contains("Exit codes:\n  0   done\n")
                .contains("  server [config.yml]   starts it");

        CliRun sub = CliRun.run(Map.of(), "plugin", "install", "--help");
        assertThat(sub.exitCode()).as(sub.toString()).isZero();
        assertThat(sub.out()).startsWith("Usage: metacortex plugin install").contains("--accept=<permission>");
    }

    @Test
    void aServerErrorExitsWithOneAndPrintsItsError() throws IOException {
        String url = serve(503, "{\"error\": \"host shutting down\", \"detail\": \"Try again once it has started.\"}");

        CliRun run = CliRun.run(Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", "t"), "plugin", "show", "x");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("metacortex: server error (503): host shutting down\n  Try again once it has started.\n");
    }

    @Test
    void anAnswerThatIsNotTheApisIsShownAsItIs() throws IOException {
        String url = serve(404, "<html><body>Not\n found</body></html>");

        CliRun run = CliRun.run(Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", "t"), "plugin", "list");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("metacortex: refused (404): <html><body>Not found</body></html>\n");
    }

    @Test
    void aSuccessThatIsNotJsonIsAFailure() throws IOException {
        String url = serve(200, "x".repeat(400));

        CliRun run = CliRun.run(Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", "t"), "plugin", "list");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("metacortex: The server answered something that is not JSON: " + "x".repeat(300) + "...\n");
    }

    @Test
    void theDeployFoldersProblemsFollowThePlugins() throws IOException {
        String url = serve(200, """
                {"plugins": [], "deployProblems": [{"file": "bad.jar", "error": "not a valid jar",
                 "detail": "Not a zip.", "at": "2026-12-06T10:00:00Z"}]}""");

        CliRun run = CliRun.run(Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", "t"), "plugin", "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("""
                        No plugins installed.

                        Deploy folder files not installed:
                        FILE     ERROR            DETAIL      AT
                        bad.jar  not a valid jar  Not a zip.  2026-12-06T10:00:00Z
                        """);
    }

    @Test
    void anEmptyErrorAnswerStillSaysItsStatus() throws IOException {
        String url = serve(500, "");

        CliRun run = CliRun.run(Map.of("METACORTEX_URL", url, "METACORTEX_TOKEN", "t"), "plugin", "purge", "x");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("metacortex: server error (500): no details\n");
    }

    /** @return the URL of a loopback server answering every request with {@code status} and {@code body} */
    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

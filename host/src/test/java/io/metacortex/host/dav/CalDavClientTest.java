package io.metacortex.host.dav;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real CalDAV client, Debian's python3-caldav (0.11), connects to the {@code dav} fixture with HTTP Basic: it sends
 * its PROPFIND without a credential, answers the host's challenge with the user's e-mail and personal access token,
 * and finds the user's principal. {@code .ci/run} installs the package when it is missing.
 */
class CalDavClientTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = """
            import sys
            import caldav
            client = caldav.DAVClient(sys.argv[1], username=sys.argv[2], password=sys.argv[3])
            print(client.principal().url)
            """;

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @Test
    void pythonCaldavFindsThePrincipalWithBasic() throws Exception {
        assertThat(RUNNING.host().install(Fixtures.DAV, "http:basic").status()).isEqualTo(201);
        String myId = RUNNING.host().get("/api/me").json().get("id").asText();
        Path script = Files.createTempFile("caldav-principal", ".py");
        Path output = Files.createTempFile("caldav-principal", ".out");
        Files.writeString(script, SCRIPT);
        try {
            Process python = new ProcessBuilder(
                            PYTHON,
                            script.toString(),
                            RUNNING.host().uri("/api/dav/dav/").toString(),
                            "tester@example.com",
                            RUNNING.host().userToken())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                assertThat(python.waitFor(60, TimeUnit.SECONDS))
                        .as("python3-caldav answered within a minute")
                        .isTrue();
            } finally {
                python.destroyForcibly();
                python.waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
            assertThat(python.exitValue())
                    .as("python3-caldav (apt-get install -y python3-caldav) printed: %s", printed)
                    .isZero();
            assertThat(printed)
                    .isEqualTo(RUNNING.host()
                            .uri("/api/dav/dav/principals/" + myId + "/")
                            .toString());
        } finally {
            delete(script);
            delete(output);
        }
    }

    private static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}

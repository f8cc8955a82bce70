package io.metacortex.host.dav;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real CalDAV client, Debian's python3-caldav (0.11), connects to the {@code dav} fixture with HTTP Basic: it sends
 * its PROPFIND without a credential, answers the host's challenge with the user's e-mail and personal access token,
 * and finds the user's principal. {@code .ci/run} installs the package when it is missing.
 */
class CalDavClientTest {

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
        String printed = PythonCalDav.run(
                SCRIPT,
                Duration.ofSeconds(60),
                RUNNING.host().uri("/api/dav/dav/").toString(),
                "tester@example.com",
                RUNNING.host().userToken());

        assertThat(printed)
                .isEqualTo(RUNNING.host()
                        .uri("/api/dav/dav/principals/" + myId + "/")
                        .toString());
    }
}

package io.metacortex.host.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostProcess;
import io.metacortex.host.testing.RunningHost.Reply;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin route that allocates until the heap is exhausted, in a host of its own with a small heap: the request gets
 * the host's 500 JSON, the thread that served it lives on (Jetty's pool loses no thread), and the host, the other
 * plugins and the admin API keep answering.
 */
class OutOfMemoryIT {

    @Test
    void aRouteExhaustingTheHeapAnswers500JsonAndKillsNoThread(@TempDir Path directory) {
        try (TestDatabase database = TestPostgres.createDatabase();
                HostProcess host = HostProcess.start(database, directory, "192m")) {
            assertThat(host.admin("POST", "/admin/plugins", Fixtures.hostile("hog"))
                            .status())
                    .isEqualTo(201);
            assertThat(host.admin("POST", "/admin/plugins", Fixtures.bytes(Fixtures.SAMPLE_V1))
                            .status())
                    .isEqualTo(201);
            assertThat(host.get("/api/hostile-hog/ok").status()).isEqualTo(200);
            long threadsBefore = jettyThreads(host);

            // Blocks of 16 MB, then of 1 KB: many small objects, so that the heap is full when anything allocates.
            for (String blocks : new String[] {"16384", "1", "16384", "1"}) {
                Reply hogged = host.get("/api/hostile-hog?kb=" + blocks);
                assertThat(hogged.status()).as(hogged.body()).isEqualTo(500);
                assertThat(hogged.contentType()).startsWith("application/json");
                assertThat(hogged.json().get("error").asText()).isEqualTo("internal server error");
                assertThat(hogged.json().get("detail").asText()).contains("plugin hostile-hog", "logged with id");
            }

            assertThat(host.get("/api/sample").status()).isEqualTo(200);
            assertThat(host.get("/api/hostile-hog/ok").status()).isEqualTo(200);
            assertThat(host.admin("GET", "/admin/plugins", null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> jettyThreads(host) <= threadsBefore + 2);
            assertThat(host.log())
                    .contains("Error handling a request in plugin hostile-hog")
                    .doesNotContain("Exception in thread")
                    .doesNotContain("Unexpected thread death");
        }
    }

    /** The threads of Jetty's pool, as Dropwizard's metrics count them. */
    private static long jettyThreads(HostProcess host) {
        return host.adminPort("/metrics")
                .json()
                .at("/gauges/org.eclipse.jetty.util.thread.QueuedThreadPool.dw.size/value")
                .asLong();
    }
}

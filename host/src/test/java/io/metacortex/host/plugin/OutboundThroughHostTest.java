package io.metacortex.host.plugin;

import static io.metacortex.outbound.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import io.metacortex.host.config.OutboundSettings;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.outbound.ScriptedServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A plugin's outbound calls through a running host (fixture {@code granted}, declaring http:outbound to 127.0.0.1):
 * the plugin gets the host's guards and their exceptions across its bundle's class loader, an admin sees the
 * breaker in {@code /admin/outbound} and the calls in Prometheus, and nothing of it outlives an uninstall.
 */
class OutboundThroughHostTest {

    private static final String TOKEN = "upstream-5ecret-4242";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        OutboundSettings outbound = config.getHttp().getOutbound();
        outbound.setAttempts(3);
        outbound.setInitialBackoff(Duration.milliseconds(10));
        outbound.setMaxBackoff(Duration.milliseconds(20));
        outbound.getCircuitBreaker().setWindowSize(6);
        outbound.getCircuitBreaker().setMinimumCalls(6);
        outbound.getCircuitBreaker().setOpenDuration(Duration.hours(1));
    });

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        root.addAppender(logged);
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        root.detachAppender(logged);
        server.close();
    }

    @Test
    void thePluginGetsTheHostsGuardsAndAnAdminSeesThem() throws Exception {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.GRANTED, "users:read,http:outbound(127.0.0.1)")
                        .status())
                .isEqualTo(201);

        // Six calls to 127.0.0.1, five of them failed: the breaker (6 calls, 50%) opens.
        server.then(status(503)).otherwise(status(200));
        Reply retried = fetch("/ok", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("body").asText()).isEqualTo("answer 200");
        assertThat(server.requests()).isEqualTo(2);

        server.then(server.hang());
        JsonNode timedOut = fetch("/slow", "&timeoutMs=200&attempts=1").json();
        assertThat(timedOut.get("exception").asText()).isEqualTo("HttpTimeoutException");

        server.otherwise(status(503));
        Reply exhausted = fetch("/down", "");
        assertThat(exhausted.status()).isEqualTo(502);
        assertThat(exhausted.json().get("exception").asText()).isEqualTo("RetriesExhaustedException");
        assertThat(exhausted.json().get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(exhausted.json().get("attempts").asInt()).isEqualTo(3);
        assertThat(exhausted.json().get("lastStatus").asInt()).isEqualTo(503);
        assertThat(server.requests()).isEqualTo(6);

        JsonNode open = fetch("/down", "").json();
        assertThat(open.get("exception").asText()).isEqualTo("CircuitOpenException");
        assertThat(open.get("message").asText()).contains("circuit breaker open");
        assertThat(server.requests()).isEqualTo(6);

        JsonNode circuit = host.admin("GET", "/admin/outbound", null)
                .json()
                .get("circuits")
                .get(0);
        assertThat(circuit.get("plugin").asText()).isEqualTo("granted");
        assertThat(circuit.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(circuit.get("state").asText()).isEqualTo("OPEN");
        assertThat(circuit.get("failedCalls").asInt()).isEqualTo(5);

        String labels = "host=\"127.0.0.1\",plugin=\"granted\"";
        assertThat(prometheus(host))
                .contains("metacortex_outbound_call_duration_seconds_count{" + labels + "} 4")
                .contains("metacortex_outbound_responses_total{" + labels + ",status=\"2xx\"} 1.0")
                .contains("metacortex_outbound_errors_total{" + labels + ",reason=\"timeout\"} 1.0")
                .contains("metacortex_outbound_errors_total{" + labels + ",reason=\"retries_exhausted\"} 1.0")
                .contains("metacortex_outbound_errors_total{" + labels + ",reason=\"circuit_open\"} 1.0")
                .contains("metacortex_outbound_retries_total{" + labels + "} 3.0")
                .contains("metacortex_outbound_circuit_state{" + labels + ",state=\"open\"} 1.0")
                .contains("metacortex_outbound_circuit_state{" + labels + ",state=\"closed\"} 0.0")
                .contains("metacortex_outbound_concurrency_limit{plugin=\"granted\"} 16.0");

        assertThat(server.received)
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(logged.list)
                .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(TOKEN));

        assertThat(host.admin("DELETE", "/admin/plugins/granted?purge=true", null)
                        .status())
                .isEqualTo(204);
        assertThat(host.admin("GET", "/admin/outbound", null).json().get("circuits"))
                .isEmpty();
        assertThat(prometheus(host)).doesNotContain("plugin=\"granted\"");
    }

    private Reply fetch(String path, String options) {
        String url = URLEncoder.encode(server.uri(path).toString(), StandardCharsets.UTF_8);
        RunningHost host = RUNNING.host();
        return host.send(host.asUser(HttpRequest.newBuilder(host.uri("/api/granted/fetch?url=" + url + options))
                .header("X-Upstream-Token", TOKEN)
                .GET()));
    }

    private static String prometheus(RunningHost host) throws Exception {
        return host.http()
                .send(
                        HttpRequest.newBuilder(host.adminPortUri("/metrics/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}

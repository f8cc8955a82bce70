package io.metacortex.host.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Request ids, per plugin and route metrics in Prometheus' format, and the health probes of a running host. */
class OperabilityTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void requestIdIsEchoedAndLoggedWithThePluginId() throws Exception {
        RunningHost host = RUNNING.host();
        host.install(Fixtures.SAMPLE_V1);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try {
            HttpResponse<String> boom = get(host.uri("/api/sample/boom"), "trace-42.a:b");
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.headers().firstValue("X-Request-Id")).hasValue("trace-42.a:b");
            assertThat(logged.list)
                    .filteredOn(e -> e.getFormattedMessage().startsWith("Error handling a request"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getMDCPropertyMap())
                            .containsEntry("requestId", "trace-42.a:b")
                            .containsEntry("plugin", "sample"));
        } finally {
            root.detachAppender(logged);
        }

        HttpResponse<String> insane = get(host.uri("/api/sample"), "no spaces\tor tabs, please");
        assertThat(insane.headers().firstValue("X-Request-Id").orElseThrow())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(get(host.uri("/admin/plugins"), null).headers().firstValue("X-Request-Id"))
                .isPresent();
    }

    @Test
    void prometheusShowsRequestsPerPluginAndRouteUntilUninstall() throws Exception {
        RunningHost host = RUNNING.host();
        if (host.get("/api/sample").status() == 404) {
            host.install(Fixtures.SAMPLE_V1);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(host.postJson("/api/sample/items", "{\"name\": \"m" + i + "\", \"quantity\": 1}")
                            .status())
                    .isEqualTo(201);
        }
        assertThat(host.postJson("/api/sample/items", "{\"name\": \"\"}").status())
                .isEqualTo(422);
        assertThat(host.get("/api/sample/boom").status()).isEqualTo(500);
        assertThat(host.get("/api/sample/no/such/route").status()).isEqualTo(404);

        String text = get(host.adminPortUri("/metrics/prometheus"), null).body();
        String items = "method=\"POST\",plugin=\"sample\",route=\"/api/sample/items\"";
        assertThat(text)
                .contains("metacortex_http_request_duration_seconds_count{" + items + "} 4")
                .contains("metacortex_http_request_duration_seconds{" + items + ",quantile=\"0.99\"}")
                .contains("metacortex_http_responses_total{" + items + ",status=\"2xx\"} 3")
                .contains("metacortex_http_responses_total{" + items + ",status=\"4xx\"} 1")
                .containsPattern("metacortex_http_responses_total\\{method=\"GET\",plugin=\"sample\","
                        + "route=\"/api/sample/boom\",status=\"5xx\"} [1-9]")
                .contains("metacortex_http_responses_total{method=\"GET\",plugin=\"sample\",route=\"unmatched\","
                        + "status=\"4xx\"} 1")
                .contains("jvm_memory_heap_used")
                .contains("jvm_threads_count", "io_dropwizard_db_ManagedPooledDataSource_metacortex_db_active");

        assertThat(host.admin("DELETE", "/admin/plugins/sample", null).status()).isEqualTo(204);
        assertThat(get(host.adminPortUri("/metrics/prometheus"), null).body()).doesNotContain("plugin=\"sample\"");
    }

    @Test
    void livenessAndReadinessOnTheAdminPort() throws Exception {
        RunningHost host = RUNNING.host();
        HttpResponse<String> live = get(host.adminPortUri("/health/live"), null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"alive\"}");
        HttpResponse<String> ready = get(host.adminPortUri("/health/ready"), null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"status\":\"ready\"", "\"database\":{\"healthy\":true}")
                // A FAILED plugin is reported by /healthcheck; it does not take the host out of service.
                .doesNotContain("\"plugins\"");
    }

    static HttpResponse<String> get(URI uri, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        request.header(
                "Authorization",
                "Bearer "
                        + (uri.getPath().startsWith("/admin")
                                ? RunningHost.ADMIN_TOKEN
                                : RUNNING.host().userToken()));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

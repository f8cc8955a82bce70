package io.metacortex.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plugin whose routes hang occupies at most its own share of the request threads ({@code
 * plugins.maxConcurrentRequests}, 3 here): the request beyond it is answered 503 JSON at once, counted in the
 * metrics, while the other plugins and the admin API keep answering.
 */
class PluginConcurrencyLimitTest {

    private static final int LIMIT = 3;
    private static final Duration QUICK = Duration.ofSeconds(2);

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        config.getPlugins().setMaxConcurrentRequests(LIMIT);
        config.getPlugins().setTrustedCode(List.of("hostile-hang"));
        // The blocked requests give up by themselves after a while: this test cannot release them through the
        // plugin, whose every route is busy.
        config.getPlugins().setSettings(Map.of("hostile-hang", Map.of("maxBlock", "PT6S")));
    });

    @Test
    void requestsBeyondAPluginsShareAreRefusedAtOnceAndTheRestOfTheHostKeepsAnswering() throws Exception {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.hostile("hang")).status()).isEqualTo(201);
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);

        List<CompletableFuture<HttpResponse<String>>> blocked = IntStream.range(0, LIMIT)
                .mapToObj(i -> host.http()
                        .sendAsync(
                                host.asUser(HttpRequest.newBuilder(host.uri("/api/hostile-hang/block")))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .toList();
        await("every permit of hostile-hang taken")
                .atMost(Duration.ofSeconds(5))
                .until(() -> host.get("/api/hostile-hang/blocked").status() == 503);

        long start = System.nanoTime();
        HttpResponse<String> refused = host.http()
                .send(
                        host.asUser(HttpRequest.newBuilder(host.uri("/api/hostile-hang/blocked")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        RunningHost.Reply other = host.get("/api/sample");
        RunningHost.Reply admin = host.admin("GET", "/admin/plugins", null);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body())
                .contains("\"error\":\"plugin busy\"")
                .contains("Plugin hostile-hang is serving as many requests as it may at once (3)");
        assertThat(other.status()).isEqualTo(200);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(elapsed).isLessThan(QUICK);
        assertThat(blocked).noneMatch(CompletableFuture::isDone);
        assertThat(host.send(HttpRequest.newBuilder(host.adminPortUri("/metrics/prometheus")))
                        .body())
                .containsPattern("metacortex_http_responses_total\\{method=\"GET\",plugin=\"hostile-hang\","
                        + "route=\"busy\",status=\"5xx\"} [1-9]");

        for (CompletableFuture<HttpResponse<String>> request : blocked) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
        assertThat(host.get("/api/hostile-hang/blocked").json().get("blocked").asInt())
                .as("the share is free again once the hanging requests ended")
                .isZero();
    }
}

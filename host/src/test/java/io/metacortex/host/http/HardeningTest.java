package io.metacortex.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.DataSize;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request limits, security headers and CORS for the configured frontend origin only. */
class HardeningTest {

    private static final String FRONTEND = "https://app.example.test";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        config.getHttp().setMaxRequestBodySize(DataSize.kilobytes(2));
        config.getHttp().setCorsAllowedOrigins(List.of(FRONTEND));
    });

    @BeforeAll
    static void installSample() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> me = send(RUNNING.host().asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/me"))
                .GET()));

        assertThat(me.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(me.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(me.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; frame-ancestors 'none'");
        assertThat(me.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void corsAnswersTheFrontendOnly() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                .header("Origin", FRONTEND).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> stranger = send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                .header("Origin", "https://evil.example.test").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> get = send(RUNNING.host().asUser(HttpRequest.newBuilder(
                RUNNING.host().uri("/api/sample")).header("Origin", FRONTEND).GET()));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
    }

    @Test
    void bodiesOverTheLimitAre413AndStoreNothing() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(3000) + "\", \"quantity\": 1}";

        HttpResponse<String> declared = send(RUNNING.host().asUser(HttpRequest.newBuilder(
                        RUNNING.host().uri("/api/sample/items")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big))));
        HttpResponse<String> chunked = send(RUNNING.host().asUser(HttpRequest.newBuilder(
                        RUNNING.host().uri("/api/sample/items")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("\"error\":\"request body too large\"");
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_sample.items"))
                .containsExactly("0");
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        String deep = "[".repeat(100) + "]".repeat(100);

        HttpResponse<String> reply = send(RUNNING.host().asUser(HttpRequest.newBuilder(
                        RUNNING.host().uri("/api/sample/items")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"quantity\": 1, \"extra\": " + deep
                        + "}"))));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("malformed request body").contains("nesting depth");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return RUNNING.host().http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

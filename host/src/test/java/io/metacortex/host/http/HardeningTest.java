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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request limits, security headers and CORS (Jetty's CrossOriginHandler) for the configured frontend origin only. */
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
        HttpResponse<String> me = send(RUNNING.host()
                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/me")).GET()));

        assertThat(me.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(me.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(me.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(me.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aPatchPreflightFromTheFrontendIsAllowedWithoutAToken() throws Exception {
        HttpResponse<String> preflight = send(preflight("/api/me", FRONTEND, "PATCH"));

        assertThat(preflight.statusCode()).as("answered before authentication").isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(FRONTEND);
        assertThat(listed(preflight, "Access-Control-Allow-Methods")).contains("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(listed(preflight, "Access-Control-Allow-Headers"))
                .usingElementComparator(String.CASE_INSENSITIVE_ORDER)
                .contains("Authorization", "Content-Type", "X-Request-Id");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        for (String path : List.of("/api/tasks/projects/1", "/admin/plugins/sample", "/openapi.json")) {
            HttpResponse<String> other = send(preflight(path, FRONTEND, "PATCH"));
            assertThat(other.statusCode()).as(path).isEqualTo(200);
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .hasValue(FRONTEND);
        }
    }

    @Test
    void aPreflightFromAnyOtherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> stranger = send(preflight("/api/me", "https://evil.example.test", "PATCH"));
        HttpResponse<String> lookalike = send(preflight("/api/me", "https://app-example.test", "PATCH"));

        assertThat(corsHeaders(stranger)).isEmpty();
        assertThat(corsHeaders(lookalike))
                .as("origins are matched exactly, not as patterns")
                .isEmpty();
    }

    @Test
    void theFrontendsPatchCarriesTheCorsAndSecurityHeaders() throws Exception {
        HttpResponse<String> patch = send(RUNNING.host()
                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/me")))
                .header("Origin", FRONTEND)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "cors-1")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\": \"Tess T.\"}")));
        HttpResponse<String> stranger = send(RUNNING.host()
                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample")))
                .header("Origin", "https://evil.example.test")
                .GET());

        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        assertThat(patch.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(listed(patch, "Access-Control-Expose-Headers"))
                .usingElementComparator(String.CASE_INSENSITIVE_ORDER)
                .contains("X-Request-Id", "Location", "Retry-After");
        assertThat(listed(patch, "Vary"))
                .usingElementComparator(String.CASE_INSENSITIVE_ORDER)
                .contains("Origin");
        assertThat(patch.headers().firstValue("X-Request-Id")).hasValue("cors-1");
        assertThat(patch.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(patch.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(stranger.statusCode())
                .as("served, but the browser keeps it from the page")
                .isEqualTo(200);
        assertThat(corsHeaders(stranger)).isEmpty();
        assertThat(stranger.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void corsIsOnlyOnTheApiPaths() throws Exception {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(RUNNING.host().uri("/docs/"))
                .header("Origin", FRONTEND)
                .GET());
        HttpResponse<String> spec = send(HttpRequest.newBuilder(RUNNING.host().uri("/openapi.json"))
                .header("Origin", FRONTEND)
                .GET());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(corsHeaders(docs)).isEmpty();
        assertThat(spec.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
    }

    @Test
    void bodiesOverTheLimitAre413AndStoreNothing() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(3000) + "\", \"quantity\": 1}";

        HttpResponse<String> declared = send(RUNNING.host()
                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(big))));
        HttpResponse<String> chunked = send(RUNNING.host()
                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                        .header("Content-Type", "application/json")
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

        HttpResponse<String> reply = send(RUNNING.host()
                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\": \"x\", \"quantity\": 1, \"extra\": " + deep + "}"))));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("malformed request body").contains("nesting depth");
    }

    private static HttpRequest.Builder preflight(String path, String origin, String method) {
        return HttpRequest.newBuilder(RUNNING.host().uri(path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    /** @return the comma-separated values of a header, trimmed */
    private static List<String> listed(HttpResponse<String> response, String header) {
        return response.headers().allValues(header).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .toList();
    }

    private static Map<String, List<String>> corsHeaders(HttpResponse<String> response) {
        Map<String, List<String>> cors = new TreeMap<>(response.headers().map());
        cors.keySet().removeIf(name -> !name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        return cors;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return RUNNING.host().http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.metacortex.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's page over plain HTTP, and the plugin activity it shows beside each plugin. */
class ConsoleTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @Test
    void thePageLoadsOnlyItsOwnScriptAndStyleAndTalksOnlyToItsOrigin() throws Exception {
        HttpResponse<String> bare = RUNNING.host()
                .http()
                .send(
                        HttpRequest.newBuilder(RUNNING.host().uri("/console")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));

        HttpResponse<String> page = RUNNING.host()
                .http()
                .send(
                        HttpRequest.newBuilder(RUNNING.host().uri("/console/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServlet.POLICY);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body())
                .contains("<script type=\"module\" src=\"console.js\"></script>")
                .doesNotContain("http");

        HttpResponse<String> script = RUNNING.host()
                .http()
                .send(
                        HttpRequest.newBuilder(RUNNING.host().uri("/console/console.js"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/admin/plugins").doesNotContain("innerHTML");
        assertThat(RUNNING.host().get("/console/missing.js").status()).isEqualTo(404);
    }

    @Test
    void pluginActivityCountsEachPluginsRequestsAndRunsItsHealthChecksForAdminsOnly() {
        RUNNING.purgeAllPlugins();
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(200);
        }
        assertThat(RUNNING.host().get("/api/sample/items/no-such-item").status())
                .isBetween(400, 499);

        RunningHost.Reply reply = RUNNING.host().admin("GET", "/admin/plugin-activity", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode sample = reply.json().get("requests").get("sample");
        assertThat(sample.get("requests").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(sample.get("clientErrors").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(sample.get("serverErrors").asLong()).isZero();
        assertThat(sample.get("slowestRouteP99Ms").asDouble()).isPositive();
        assertThat(reply.json()
                        .get("health")
                        .get("sample")
                        .get("database")
                        .get("healthy")
                        .asBoolean())
                .isTrue();

        assertThat(RUNNING.host()
                        .send(HttpRequest.newBuilder(RUNNING.host().uri("/admin/plugin-activity"))
                                .GET())
                        .status())
                .isEqualTo(401);
        assertThat(RUNNING.host().asUser("GET", "/admin/plugin-activity", null).status())
                .isEqualTo(403);
    }
}

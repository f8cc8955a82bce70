package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.DataSize;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every refused upload answers a 4xx JSON error naming the problem, and leaves the registry, every schema and the
 * running plugins exactly as they were.
 */
class RefusedInputTest {

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getPlugins().setMaxUploadSize(DataSize.kilobytes(64)));

    private HostState before;

    @BeforeAll
    static void start() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V2).status()).isEqualTo(201);
        RUNNING.host().postJson("/api/sample/items", "{\"name\": \"kept\", \"quantity\": 1}");
    }

    @BeforeEach
    void snapshot() {
        before = HostState.of(RUNNING);
    }

    @AfterEach
    void nothingChanged() {
        before.assertSame(RUNNING);
        Reply sample = RUNNING.host().get("/api/sample/items");
        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.json().get(0).get("name").asText()).isEqualTo("kept");
    }

    @Test
    void bytesThatAreNotAZip() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);

        assertRefused(RUNNING.host().install(noise), 400, "not a valid jar");
    }

    @Test
    void aTruncatedJar() {
        byte[] jar = Fixtures.bytes(Fixtures.SAMPLE_V1);

        assertRefused(RUNNING.host().install(Arrays.copyOf(jar, jar.length / 2)), 400, "not a valid jar");
    }

    @Test
    void aJarWhoseEntryIsCorrupt() {
        byte[] jar = Fixtures.bytes(Fixtures.SAMPLE_V1);
        byte[] corrupt = jar.clone();
        for (int i = 200; i < 260; i++) {
            corrupt[i] ^= 0x5a;
        }

        Reply reply = RUNNING.host().install(corrupt);

        assertThat(reply.status()).isBetween(400, 422);
        assertThat(reply.json().get("error").asText()).isNotBlank();
    }

    @Test
    void aJarWithoutPluginHeaders() {
        Reply reply = RUNNING.host().install(Fixtures.withHeader(Fixtures.SAMPLE_V1, "MetaCortex-Plugin-Id", null));

        assertRefused(reply, 422, "invalid plugin metadata");
        assertThat(reply.json().get("detail").asText()).contains("MetaCortex-Plugin-Id");
    }

    @Test
    void anInvalidPluginId() {
        Reply reply = RUNNING.host().install(Fixtures.withHeader(Fixtures.SAMPLE_V1, "MetaCortex-Plugin-Id", "Bad_Id"));

        assertRefused(reply, 422, "invalid plugin metadata");
        assertThat(reply.json().get("detail").asText()).contains("Bad_Id").contains("[a-z][a-z0-9-]{1,31}");
    }

    @Test
    void aVersionThatIsNotSemantic() {
        Reply reply = RUNNING.host().install(Fixtures.withHeader(Fixtures.FAULTY, "Bundle-Version", "banana"));

        assertRefused(reply, 422, "invalid plugin metadata");
        assertThat(reply.json().get("detail").asText()).contains("Bundle-Version");
    }

    @Test
    void aPluginClassThatIsNotInTheBundle() {
        Reply reply = RUNNING.host()
                .install(Fixtures.withHeader(
                        Fixtures.FAULTY, "MetaCortex-Plugin-Class", "io.metacortex.fixture.faulty.Missing"));

        assertRefused(reply, 422, "invalid plugin class");
        assertThat(reply.json().get("detail").asText()).contains("io.metacortex.fixture.faulty.Missing");
    }

    @Test
    void anUploadThatIsNotAJarMediaType() {
        Reply reply = RUNNING.host()
                .send(java.net.http.HttpRequest.newBuilder(RUNNING.host().uri("/admin/plugins"))
                        .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN)
                        .header("Content-Type", "text/plain")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello")));

        assertRefused(reply, 415, "unsupported media type");
    }

    @Test
    void installOfAnIdAlreadyInstalled() {
        Reply reply = RUNNING.host().install(Fixtures.SAMPLE_V1);

        assertRefused(reply, 409, "plugin already installed");
        assertThat(reply.json().get("detail").asText()).contains("2.0.0").contains("PUT /admin/plugins/sample");
    }

    @Test
    void upgradeToALowerOrEqualVersion() {
        assertRefused(RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V1)), 409, "version not newer");
        Reply equal = RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2));
        assertRefused(equal, 409, "version not newer");
        assertThat(equal.json().get("detail").asText()).contains("force=true");
    }

    @Test
    void aForcedDowngradeToAVersionThatDoesNotKnowTheSchema() {
        byte[] v1 = Fixtures.bytes(Fixtures.SAMPLE_V1);

        Reply reply = RUNNING.host().admin("PUT", "/admin/plugins/sample?force=true", v1);

        assertRefused(reply, 409, "rollback refused");
        assertThat(reply.json().get("detail").asText())
                .contains("V2")
                .contains("1.0.0")
                .contains("forward-only")
                .contains("2.0.0 is unchanged");
    }

    @Test
    void upgradeWithAnotherPluginsJar() {
        assertRefused(RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.FAULTY)), 422, "plugin id mismatch");
    }

    @Test
    void upgradeOfAPluginThatIsNotInstalled() {
        assertRefused(RUNNING.host().upgrade("nothing", Fixtures.bytes(Fixtures.SAMPLE_V1)), 404, "plugin not found");
    }

    @Test
    void aBundleBuiltAgainstPluginApi2() {
        String imports = "io.metacortex.plugin.api;version=\"[2.0,3)\",jakarta.ws.rs;version=\"[3.1,4)\"";
        byte[] jar = Fixtures.rewrite(
                Fixtures.FAULTY,
                a -> {
                    a.putValue("Import-Package", imports);
                    a.putValue("MetaCortex-Plugin-Id", "future");
                },
                Map.of());

        Reply reply = RUNNING.host().install(jar);

        assertRefused(reply, 422, "plugin cannot be resolved");
        assertThat(reply.json().get("detail").asText())
                .contains("io.metacortex.plugin.api")
                .contains("[2.0,3)")
                .contains("1.4.0");
    }

    @Test
    void aBundleImportingAPackageTheHostDoesNotShare() {
        byte[] jar = Fixtures.rewrite(
                Fixtures.FAULTY,
                a -> a.putValue(
                        "Import-Package", "io.metacortex.plugin.api;version=\"[1.0,2)\",org.eclipse.jetty.server"),
                Map.of());

        Reply reply = RUNNING.host().install(jar);

        assertRefused(reply, 422, "plugin cannot be resolved");
        assertThat(reply.json().get("detail").asText())
                .contains("org.eclipse.jetty.server")
                .contains("not exported");
    }

    @Test
    void anUpgradeWhoseMigrationFails() {
        byte[] v3 = Fixtures.asVersion(
                Fixtures.SAMPLE_V2,
                "3.0.0",
                Map.of(
                        "V3__add_index.sql", "CREATE INDEX items_name ON items (name);",
                        "V4__broken.sql", "ALTER TABLE items ADD COLUMN broken NOT A TYPE;"));

        Reply reply = RUNNING.host().upgrade("sample", v3);

        assertRefused(reply, 422, "migration failed");
        assertThat(reply.json().get("detail").asText())
                .contains("V4__broken.sql")
                .contains("syntax error")
                .contains("2.0.0");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("2.0.0");
    }

    @Test
    void aPluginWhoseStartThrows() {
        Reply reply = RUNNING.host().install(Fixtures.FAULTY);

        assertRefused(reply, 422, "plugin failed to start");
        assertThat(reply.json().get("detail").asText())
                .contains("faulty plugin cannot reach its upstream service")
                .contains("Nothing was installed");
        assertThat(RUNNING.host().get("/api/faulty").status()).isEqualTo(404);
    }

    @Test
    void anUploadOverTheLimit() {
        byte[] big = Fixtures.rewrite(Fixtures.SAMPLE_V1, a -> {}, Map.of("padding.txt", randomText(200_000)));

        Reply reply = RUNNING.host().install(big);

        assertRefused(reply, 413, "upload too large");
    }

    @Test
    void anEmptyUpload() {
        assertRefused(RUNNING.host().install(new byte[0]), 400, "empty upload");
    }

    @Test
    void requestsWithoutTheAdminToken() {
        Reply none = RUNNING.host()
                .send(java.net.http.HttpRequest.newBuilder(RUNNING.host().uri("/admin/plugins"))
                        .GET());
        Reply wrong = RUNNING.host()
                .send(java.net.http.HttpRequest.newBuilder(RUNNING.host().uri("/admin/plugins/sample/disable"))
                        .header("Authorization", "Bearer wrong")
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertRefused(none, 401, "unauthorized");
        assertRefused(wrong, 401, "unauthorized");
        assertThat(wrong.json().get("detail").asText()).contains("not valid");
    }

    private static void assertRefused(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("detail").asText()).isNotBlank();
    }

    private static String randomText(int length) {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}

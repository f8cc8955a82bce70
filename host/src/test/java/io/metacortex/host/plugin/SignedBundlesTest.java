package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.Publisher;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code plugins.requireSigned}, only jars signed by a publisher in the truststore, unchanged since signing,
 * are installed; every other jar is refused with a 422 naming the problem and changes nothing.
 */
class SignedBundlesTest {

    private static final Path KEYS = temporaryDirectory();
    private static final Publisher TRUSTED = Publisher.create(KEYS, "CN=Trusted Publisher, O=MetaCortex Tests");
    private static final Publisher STRANGER = Publisher.create(KEYS, "CN=Unknown Publisher, O=Elsewhere");
    private static final String MIGRATION = "db/migration/V1__create_items.sql";
    private static final String RESOURCE_CLASS = "io/metacortex/fixture/sample/SampleResource.class";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        config.getPlugins().setRequireSigned(true);
        config.getPlugins().setTruststore(Publisher.truststore(KEYS.resolve("truststore.p12"), "trust-me", TRUSTED));
        config.getPlugins().setTruststorePassword("trust-me");
        // So that the deploy folder's unsigned tasks jar is refused for its signature, not its permissions.
        config.getPlugins().setAcceptedPermissions(Map.of("tasks", List.of(Fixtures.TASKS_PERMISSIONS)));
    });

    private HostState before;

    @BeforeAll
    static void installSigned() {
        Reply installed = RUNNING.host().install(TRUSTED.sign(Fixtures.bytes(Fixtures.SAMPLE_V1)));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @BeforeEach
    void snapshot() {
        before = HostState.of(RUNNING);
    }

    @AfterEach
    void nothingChanged() {
        before.assertSame(RUNNING);
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.0.0");
    }

    @Test
    void aJarSignedByATrustedPublisherIsInstalledAndServes() {
        Reply about = RUNNING.host().get("/api/sample");

        assertThat(about.status()).isEqualTo(200);
        assertThat(about.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/plugins/sample", null)
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void anUnsignedJar() {
        Reply install = RUNNING.host().install(Fixtures.bytes(Fixtures.TASKS), Fixtures.TASKS_PERMISSIONS);
        Reply upgrade = RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2));

        assertRefused(install, "signature required");
        assertRefused(upgrade, "signature required");
        assertThat(upgrade.json().get("detail").asText()).contains("not signed").contains("truststore");
    }

    @Test
    void aJarSignedByAPublisherNotInTheTruststore() {
        Reply reply = RUNNING.host().upgrade("sample", STRANGER.sign(Fixtures.bytes(Fixtures.SAMPLE_V2)));

        assertRefused(reply, "untrusted signer");
        assertThat(reply.json().get("detail").asText()).contains("CN=Unknown Publisher,O=Elsewhere");
    }

    @Test
    void aJarWithAnEntryChangedAfterSigning() {
        byte[] tampered = Publisher.withEntryChanged(
                signedV2(),
                MIGRATION,
                sql -> (new String(sql, StandardCharsets.UTF_8) + "\nDROP TABLE items;")
                        .getBytes(StandardCharsets.UTF_8));

        Reply reply = RUNNING.host().upgrade("sample", tampered);

        assertRefused(reply, "signature invalid");
        assertThat(reply.json().get("detail").asText()).contains(MIGRATION).contains("changed after it was signed");
    }

    @Test
    void aJarWithAnEntryAddedAfterSigning() {
        byte[] tampered =
                Publisher.withEntriesAdded(signedV2(), Map.of("db/migration/V9__sneaky.sql", "DROP TABLE items;"));

        Reply reply = RUNNING.host().upgrade("sample", tampered);

        assertRefused(reply, "signature invalid");
        assertThat(reply.json().get("detail").asText())
                .contains("db/migration/V9__sneaky.sql")
                .contains("not covered by the signature");
    }

    @Test
    void aJarWithAnEntryRemovedFromTheSignedDigests() {
        Reply reply = RUNNING.host().upgrade("sample", Publisher.withDigestRemoved(signedV2(), RESOURCE_CLASS));

        assertRefused(reply, "signature invalid");
        assertThat(reply.json().get("detail").asText()).contains(RESOURCE_CLASS);
    }

    @Test
    void aPreviewSaysHowTheSignatureIsSeenAndRefusesAsTheUpgradeWould() {
        JsonNode trusted = preview(signedV2());
        JsonNode unsigned = preview(Fixtures.bytes(Fixtures.SAMPLE_V2));
        JsonNode untrusted = preview(STRANGER.sign(Fixtures.bytes(Fixtures.SAMPLE_V2)));
        JsonNode invalid = preview(
                Publisher.withEntriesAdded(signedV2(), Map.of("db/migration/V9__sneaky.sql", "DROP TABLE items;")));

        assertThat(trusted.get("signature").toString())
                .isEqualTo("{\"status\":\"trusted\",\"signer\":\"CN=Trusted Publisher,O=MetaCortex Tests\","
                        + "\"required\":true}");
        assertThat(trusted.get("refused").asBoolean()).as(trusted.toString()).isFalse();
        assertThat(unsigned.get("signature").toString()).isEqualTo("{\"status\":\"unsigned\",\"required\":true}");
        assertThat(unsigned.get("refusals").findValuesAsText("error")).containsExactly("signature required");
        assertThat(untrusted.get("signature").get("status").asText()).isEqualTo("untrusted");
        assertThat(untrusted.get("signature").get("signer").asText()).isEqualTo("CN=Unknown Publisher,O=Elsewhere");
        assertThat(untrusted.get("refusals").findValuesAsText("error")).containsExactly("untrusted signer");
        assertThat(invalid.get("signature").get("status").asText()).isEqualTo("invalid");
        assertThat(invalid.get("signature").get("detail").asText()).contains("db/migration/V9__sneaky.sql");
        assertThat(invalid.get("refusals").findValuesAsText("error")).containsExactly("signature invalid");
    }

    private static JsonNode preview(byte[] jar) {
        Reply reply = RUNNING.host().admin("POST", "/admin/plugins/preview", jar);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void anUnsignedJarInTheDeployFolder() throws IOException {
        Path deploy =
                Files.createDirectories(RUNNING.host().config().getPlugins().getDeployDirectory());
        Path jar = Files.write(deploy.resolve("tasks.jar"), Fixtures.bytes(Fixtures.TASKS));
        RUNNING.host().app().deployFolder().scan();

        JsonNode problem = RUNNING.host()
                .admin("GET", "/admin/plugins", null)
                .json()
                .get("deployProblems")
                .get(0);

        assertThat(problem.get("file").asText()).isEqualTo("tasks.jar");
        assertThat(problem.get("error").asText()).isEqualTo("signature required");
        Files.delete(jar);
        RUNNING.host().app().deployFolder().scan();
    }

    @AfterAll
    static void deleteKeys() throws IOException {
        try (Stream<Path> files = Files.walk(KEYS)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static byte[] signedV2() {
        return TRUSTED.sign(Fixtures.bytes(Fixtures.SAMPLE_V2));
    }

    private static void assertRefused(Reply reply, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("detail").asText()).isNotBlank();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("metacortex-signing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

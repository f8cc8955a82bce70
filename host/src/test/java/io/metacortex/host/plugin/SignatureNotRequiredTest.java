package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.Publisher;
import io.metacortex.host.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code plugins.requireSigned} signatures are not checked; turning it on later re-verifies the stored
 * bundles at the next start, so a plugin installed unsigned is restored as FAILED rather than run.
 */
class SignatureNotRequiredTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @Test
    void signedAndUnsignedJarsInstallAndOnlySignedOnesSurviveTurningSignaturesOn(@TempDir Path keys) throws Exception {
        Publisher publisher = Publisher.create(keys, "CN=Some Publisher, O=MetaCortex Tests");
        RunningHost host = RUNNING.host();

        assertThat(host.install(publisher.sign(Fixtures.bytes(Fixtures.SAMPLE_V1)))
                        .status())
                .isEqualTo(201);
        assertThat(host.install(Fixtures.bytes(Fixtures.TASKS), Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
        assertThat(host.get("/api/sample").json().get("version").asText()).isEqualTo("1.0.0");

        host.config().getPlugins().setRequireSigned(true);
        host.config().getPlugins().setTruststore(Publisher.truststore(keys.resolve("trust.p12"), "s3cret", publisher));
        host.config().getPlugins().setTruststorePassword("s3cret");
        host.restart();

        assertThat(host.get("/api/sample").status()).isEqualTo(200);
        assertThat(host.admin("GET", "/admin/plugins/sample", null)
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("ACTIVE");
        JsonNode tasks = host.admin("GET", "/admin/plugins/tasks", null).json();
        assertThat(tasks.get("state").asText()).isEqualTo("FAILED");
        assertThat(tasks.get("failureReason").asText()).contains("not signed");
        assertThat(host.get("/api/tasks").status()).isEqualTo(404);
        assertThat(Files.exists(keys.resolve("trust.p12"))).isTrue();
    }
}

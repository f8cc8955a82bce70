package io.metacortex.host.secrets;

import static io.metacortex.host.secrets.TestKeys.K1;
import static io.metacortex.host.secrets.TestKeys.K2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.plugin.api.SecretStore;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation, re-encryption, purge and the generated default key on a running host. */
class SecretsThroughHostTest {

    @Test
    void rotatesKeysAndReencryptsWhileServing(@TempDir Path dataDir) {
        try (TestDatabase database = TestPostgres.createDatabase();
                RunningHost host = RunningHost.start(database, dataDir, config -> {
                    config.getSecrets().setKeys(Map.of("k1", K1));
                    config.getSecrets().setCurrentKey("k1");
                })) {
            Jdbi jdbi = Jdbi.create(database.dataSource());
            host.app().secrets().forPlugin("alpha").put("one", "first");
            host.app().secrets().forPlugin("beta").put("two", "second");

            host.config().getSecrets().setKeys(Map.of("k1", K1, "k2", K2));
            host.config().getSecrets().setCurrentKey("k2");
            host.restart();

            SecretStore alpha = host.app().secrets().forPlugin("alpha");
            assertThat(alpha.get("one")).contains("first");
            alpha.put("three", "third");
            assertThat(keyIds(jdbi)).containsExactly("k1", "k1", "k2");
            JsonNode usage = host.admin("GET", "/admin/secrets", null).json();
            assertThat(usage.get("currentKey").asText()).isEqualTo("k2");
            assertThat(usage.get("byKey").toString()).isEqualTo("{\"k1\":2,\"k2\":1}");
            assertThat(usage.toString()).doesNotContain("first", "second", "third", K1, K2);
            assertThat(host.send(HttpRequest.newBuilder(host.uri("/admin/secrets/reencrypt"))
                                    .POST(HttpRequest.BodyPublishers.noBody()))
                            .status())
                    .isEqualTo(401);

            Reply reencrypted = host.adminJson("POST", "/admin/secrets/reencrypt", null);

            assertThat(reencrypted.status()).isEqualTo(200);
            assertThat(reencrypted.json().get("reencrypted").asInt()).isEqualTo(2);
            assertThat(reencrypted.json().get("currentKey").asText()).isEqualTo("k2");
            assertThat(keyIds(jdbi)).containsExactly("k2", "k2", "k2");
            List<String> ciphertexts =
                    jdbi.withHandle(h -> h.createQuery("SELECT ciphertext FROM metacortex.plugin_secrets")
                            .mapTo(String.class)
                            .list());
            assertThat(ciphertexts).allMatch(c -> c.startsWith("mcs1:k2:"));
            JsonNode audit = host.admin("GET", "/admin/audit?action=secrets.reencrypt", null)
                    .json()
                    .get("items");
            assertThat(audit.findValuesAsText("outcome")).containsExactly("SUCCESS", "DENIED");
            assertThat(audit.get(0).get("actor").asText()).isEqualTo("bootstrap-admin");

            host.config().getSecrets().setKeys(Map.of("k2", K2));
            host.restart();

            SecretStore beta = host.app().secrets().forPlugin("beta");
            assertThat(beta.get("two")).contains("second");
            assertThat(host.app().secrets().forPlugin("alpha").get("three")).contains("third");
            assertThat(host.admin("GET", "/admin/secrets", null)
                            .json()
                            .get("byKey")
                            .toString())
                    .isEqualTo("{\"k2\":3}");
        }
    }

    @Test
    void generatesAKeyWhenNoneIsConfiguredAndPurgeDeletesSecrets(@TempDir Path dataDir) throws Exception {
        try (TestDatabase database = TestPostgres.createDatabase();
                RunningHost host = RunningHost.start(database, dataDir)) {
            Path keyFile = dataDir.resolve("secret-keys");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
            String generated = Files.readString(keyFile);
            assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
            host.app().secrets().forPlugin("sample").put("api-key", "kept across restarts");

            host.restart();

            assertThat(Files.readString(keyFile)).isEqualTo(generated);
            SecretStore sample = host.app().secrets().forPlugin("sample");
            assertThat(sample.get("api-key")).contains("kept across restarts");

            assertThat(host.admin("DELETE", "/admin/plugins/sample", null).status())
                    .isEqualTo(204);
            assertThat(sample.get("api-key"))
                    .as("a plain uninstall keeps the data")
                    .isPresent();
            assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
            assertThat(host.admin("DELETE", "/admin/plugins/sample?purge=true", null)
                            .status())
                    .isEqualTo(204);
            assertThat(sample.get("api-key")).as("purge deletes the secrets").isEmpty();
            assertThat(host.admin("GET", "/admin/secrets", null)
                            .json()
                            .get("byKey")
                            .size())
                    .isZero();
        }
    }

    private static List<String> keyIds(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT key_id FROM metacortex.plugin_secrets ORDER BY key_id")
                .mapTo(String.class)
                .list());
    }
}

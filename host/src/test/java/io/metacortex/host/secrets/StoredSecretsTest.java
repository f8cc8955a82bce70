package io.metacortex.host.secrets;

import static io.metacortex.host.secrets.TestKeys.K1;
import static io.metacortex.host.secrets.TestKeys.K2;
import static io.metacortex.host.secrets.TestKeys.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.HostSchema;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.plugin.api.SecretStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secrets table through {@link StoredSecrets}, against a real PostgreSQL. */
class StoredSecretsTest {

    private static TestDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void migrate() {
        database = TestPostgres.createDatabase();
        HostSchema.migrate(database.dataSource());
        jdbi = Jdbi.create(database.dataSource());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("DELETE FROM metacortex.plugin_secrets"));
    }

    private static StoredSecrets stored(SecretKeys keys) {
        return new StoredSecrets(jdbi, new SecretBox(keys), Clock.systemUTC());
    }

    private static Map<String, Object> row(String pluginId, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT ciphertext, key_id FROM metacortex.plugin_secrets"
                        + " WHERE plugin_id = :p AND name = :n")
                .bind("p", pluginId)
                .bind("n", name)
                .mapToMap()
                .one());
    }

    @Test
    void putsGetsReplacesAndDeletesEncrypted() {
        SecretStore plaid = stored(keys("k1", "k1", K1)).forPlugin("plaid");

        plaid.put("plaid/user-1", "token-one");
        plaid.put("plaid/user-1", "token-two");

        assertThat(plaid.get("plaid/user-1")).contains("token-two");
        Map<String, Object> row = row("plaid", "plaid/user-1");
        assertThat((String) row.get("ciphertext")).startsWith("mcs1:k1:").doesNotContain("token");
        assertThat(row.get("key_id")).isEqualTo("k1");
        assertThat(plaid.get("absent")).isEmpty();
        assertThat(plaid.delete("plaid/user-1")).isTrue();
        assertThat(plaid.delete("plaid/user-1")).isFalse();
        assertThat(plaid.get("plaid/user-1")).isEmpty();
    }

    @Test
    void pluginsSeeOnlyTheirOwnSecretsAndCiphertextsDoNotMove() {
        StoredSecrets secrets = stored(keys("k1", "k1", K1));
        secrets.forPlugin("alpha").put("api-key", "alpha-value");
        secrets.forPlugin("alpha").put("other", "other-value");

        assertThat(secrets.forPlugin("beta").get("api-key")).isEmpty();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO metacortex.plugin_secrets (plugin_id, name, ciphertext, key_id, updated_at)
                SELECT 'beta', name, ciphertext, key_id, updated_at FROM metacortex.plugin_secrets
                WHERE plugin_id = 'alpha' AND name = 'api-key'"""));
        jdbi.useHandle(h -> h.execute("""
                UPDATE metacortex.plugin_secrets SET ciphertext = (SELECT ciphertext FROM metacortex.plugin_secrets
                WHERE plugin_id = 'alpha' AND name = 'api-key') WHERE plugin_id = 'alpha' AND name = 'other'"""));
        assertThatThrownBy(() -> secrets.forPlugin("beta").get("api-key"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("beta/api-key");
        assertThatThrownBy(() -> secrets.forPlugin("alpha").get("other"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("authentication failed");
        assertThat(secrets.forPlugin("alpha").get("api-key")).contains("alpha-value");
    }

    @Test
    void validatesNamesAndValues() {
        SecretStore store = stored(keys("k1", "k1", K1)).forPlugin("alpha");

        for (String bad : new String[] {
            null, "", " leading", "trailing ", "line\nbreak", "tab\tinside", "zero\u200bwidth", "x".repeat(201)
        }) {
            assertThatThrownBy(() -> store.put(bad, "v"))
                    .as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ecret");
            assertThatThrownBy(() -> store.get(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.put("name", null)).isInstanceOf(IllegalArgumentException.class);
        store.put("x".repeat(200), "long name");
        store.put("plaid/Zoë Ö 1", "unicode name");
        assertThat(store.get("x".repeat(200))).contains("long name");
        assertThat(store.get("plaid/Zoë Ö 1")).contains("unicode name");
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM metacortex.plugin_secrets")
                .mapTo(Integer.class)
                .one());
        assertThat(rows).isEqualTo(2);
    }

    @Test
    void rotationReadsOldKeysWritesTheCurrentOneAndReencryptsAll() {
        StoredSecrets underK1 = stored(keys("k1", "k1", K1));
        for (int i = 0; i < 8; i++) {
            underK1.forPlugin(i % 2 == 0 ? "alpha" : "beta").put("s" + i, "value-" + i);
        }

        StoredSecrets rotated = stored(keys("k2", "k1", K1, "k2", K2));
        assertThat(rotated.forPlugin("alpha").get("s0")).contains("value-0");
        rotated.forPlugin("alpha").put("fresh", "new");
        assertThat(row("alpha", "fresh").get("key_id")).isEqualTo("k2");
        assertThat(rotated.countByKey()).containsExactly(Map.entry("k1", 8L), Map.entry("k2", 1L));

        SecretReencryption.Result result = new SecretReencryption(rotated, 3).run();

        assertThat(result).isEqualTo(new SecretReencryption.Result(8, "k2", 0));
        assertThat(rotated.countByKey()).containsExactly(Map.entry("k2", 9L));
        StoredSecrets k2Only = stored(keys("k2", "k2", K2));
        assertThat(k2Only.forPlugin("beta").get("s7")).contains("value-7");
        assertThat(k2Only.forPlugin("alpha").get("fresh")).contains("new");
        assertThat(new SecretReencryption(k2Only).run().reencrypted()).isZero();
    }

    @Test
    void aPutDuringReencryptionWins() {
        stored(keys("k1", "k1", K1)).forPlugin("alpha").put("token", "old");
        StoredSecrets rotated = stored(keys("k2", "k1", K1, "k2", K2));
        List<StoredSecrets.Row> read = rotated.notUnderCurrentKey("", "", 10);

        rotated.forPlugin("alpha").put("token", "written meanwhile");

        assertThat(rotated.reencrypt(read.get(0))).isFalse();
        assertThat(rotated.forPlugin("alpha").get("token")).contains("written meanwhile");
    }

    @Test
    void unreadableSecretsAreLeftAndCounted() {
        stored(keys("k0", "k0", TestKeys.base64(9))).forPlugin("alpha").put("lost", "v");
        stored(keys("k1", "k1", K1)).forPlugin("alpha").put("kept", "v");
        StoredSecrets rotated = stored(keys("k2", "k1", K1, "k2", K2));

        assertThat(new SecretReencryption(rotated).run()).isEqualTo(new SecretReencryption.Result(1, "k2", 1));
        assertThat(rotated.countByKey()).containsExactly(Map.entry("k0", 1L), Map.entry("k2", 1L));
    }

    @Test
    void deleteAllRemovesOnePluginsSecrets() {
        StoredSecrets secrets = stored(keys("k1", "k1", K1));
        secrets.forPlugin("alpha").put("a", "1");
        secrets.forPlugin("alpha").put("b", "2");
        secrets.forPlugin("beta").put("a", "3");

        assertThat(secrets.deleteAll("alpha")).isEqualTo(2);
        assertThat(secrets.forPlugin("alpha").get("a")).isEmpty();
        assertThat(secrets.forPlugin("beta").get("a")).contains("3");
    }
}

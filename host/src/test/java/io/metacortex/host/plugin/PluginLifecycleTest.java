package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Install, upgrade, rollback, disable, enable and uninstall through the admin API of a running RUNNING.host(). */
class PluginLifecycleTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeEach
    void uninstallEverything() {
        RUNNING.purgeAllPlugins();
    }

    @Test
    void installedPluginServesItsRoutesFromItsOwnSchema() {
        Reply installed = RUNNING.host().install(Fixtures.SAMPLE_V1);

        assertThat(installed.status()).isEqualTo(201);
        assertThat(installed.json().get("id").asText()).isEqualTo("sample");
        assertThat(installed.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(installed.json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(installed.json().get("basePath").asText()).isEqualTo("/api/sample");
        assertThat(installed.json().get("installedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        Reply about = RUNNING.host().get("/api/sample");
        assertThat(about.status()).isEqualTo(200);
        assertThat(about.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(about.json().get("migrations").toString()).isEqualTo("[\"1\"]");
        assertThat(
                        DatabaseSnapshot.query(
                                RUNNING.database(),
                                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'plugin_sample' ORDER BY 1"))
                .containsExactly("flyway_schema_history", "items", "job_failures", "job_runs", "notes");

        Reply created = RUNNING.host().postJson("/api/sample/items", "{\"name\": \"ab\", \"quantity\": 2}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("abab");
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT name FROM plugin_sample.items"))
                .containsExactly("abab");
    }

    @Test
    void pluginValidationErrorsAre422WithFieldMessages() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);

        Reply invalid = RUNNING.host().postJson("/api/sample/items", "{\"name\": \"  \"}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("error").asText()).isEqualTo("validation failed");
        assertThat(invalid.json().get("fields").get("name").asText()).isEqualTo("must not be blank");
        assertThat(invalid.json().get("fields").get("quantity").asText()).isEqualTo("must not be null");

        Reply malformed = RUNNING.host().postJson("/api/sample/items", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("malformed request body");

        Reply wrongType = RUNNING.host().postJson("/api/sample/items", "{\"name\": \"x\", \"quantity\": \"many\"}");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().get("fields").has("quantity")).isTrue();
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_sample.items"))
                .containsExactly("0");
    }

    @Test
    void anExceptionInAResourceFailsThatRequestAlone() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);

        Reply boom = RUNNING.host().get("/api/sample/boom");

        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.contentType()).startsWith("application/json");
        assertThat(boom.json().get("detail").asText())
                .contains("logged with id")
                .doesNotContain("IllegalState");
        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(200);
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/plugins/sample", null)
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void unknownRoutesAnswer404Json() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);

        assertThat(RUNNING.host().get("/api/sample/nothing-here").status()).isEqualTo(404);
        assertThat(RUNNING.host()
                        .get("/api/sample/nothing-here")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("not found");
        assertThat(RUNNING.host().get("/api/nobody").status()).isEqualTo(404);
        assertThat(RUNNING.host().get("/api/nobody").json().get("detail").asText())
                .contains("/api/nobody");
    }

    @Test
    void upgradeAppliesOnlyTheNewMigrationsAndSwitchesBehaviour() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().postJson("/api/sample/items", "{\"name\": \"kept\", \"quantity\": 1}");
        String v1AppliedAt = DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT installed_on FROM plugin_sample.flyway_schema_history WHERE version = '1'")
                .get(0);

        Reply upgraded = RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2));

        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        assertThat(upgraded.json().get("version").asText()).isEqualTo("2.0.0");
        assertThat(upgraded.json().get("previousVersion").asText()).isEqualTo("1.0.0");
        Reply about = RUNNING.host().get("/api/sample");
        assertThat(about.json().get("version").asText()).isEqualTo("2.0.0");
        assertThat(about.json().get("migrations").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT installed_on FROM plugin_sample.flyway_schema_history WHERE version = '1'"))
                .containsExactly(v1AppliedAt);
        Reply items = RUNNING.host().get("/api/sample/items");
        assertThat(items.json().get(0).get("name").asText()).isEqualTo("kept");
        assertThat(items.json().get(0).get("note").asText()).isEqualTo("added in 2.0.0");
    }

    @Test
    void rollbackReturnsToThePreviousCode() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        byte[] v11 = Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of());
        assertThat(RUNNING.host().upgrade("sample", v11).status()).isEqualTo(200);
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.1.0");

        Reply rolledBack = RUNNING.host().admin("POST", "/admin/plugins/sample/rollback", null);

        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(rolledBack.json().get("previousVersion").asText()).isEqualTo("1.1.0");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.0.0");
    }

    @Test
    void rollbackIsRefusedWhenTheSchemaHasMigrationsTheOldCodeDoesNotKnow() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2));
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Reply refused = RUNNING.host().admin("POST", "/admin/plugins/sample/rollback", null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("rollback refused");
        assertThat(refused.json().get("detail").asText())
                .contains("V2")
                .contains("1.0.0")
                .contains("forward-only");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("2.0.0");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);
    }

    @Test
    void installAfterAnUninstallCannotSidestepTheRollbackRefusal() {
        RUNNING.host().install(Fixtures.SAMPLE_V2);
        RUNNING.host().postJson("/api/sample/items", "{\"name\": \"kept\", \"quantity\": 1}");
        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/sample", null).status())
                .isEqualTo(204);
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Reply refused = RUNNING.host().install(Fixtures.SAMPLE_V1);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("rollback refused");
        assertThat(refused.json().get("detail").asText())
                .contains("plugin_sample")
                .contains("V2")
                .contains("1.0.0")
                .contains("forward-only")
                .contains("DELETE /admin/plugins/sample?purge=true")
                .contains("Nothing was installed");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);
        assertThat(before.registry()).isEmpty();
        assertThat(before.bundles()).isEmpty();
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT version FROM plugin_sample.flyway_schema_history"
                                + " WHERE version IS NOT NULL ORDER BY installed_rank"))
                .containsExactly("1", "2");
        assertThat(RUNNING.host().admin("GET", "/admin/plugins/sample", null).status())
                .isEqualTo(404);
        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(404);

        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V2).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .get("/api/sample/items")
                        .json()
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("kept");
    }

    @Test
    void aPurgeLetsAnOlderVersionStartOverOnANewSchema() {
        RUNNING.host().install(Fixtures.SAMPLE_V2);
        RUNNING.host().postJson("/api/sample/items", "{\"name\": \"gone\", \"quantity\": 1}");
        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/sample", null).status())
                .isEqualTo(204);

        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/sample?purge=true", null)
                        .status())
                .as("the schema an uninstall kept is purged afterwards")
                .isEqualTo(204);

        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT nspname FROM pg_namespace WHERE nspname = 'plugin_sample'"))
                .isEmpty();
        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/sample?purge=true", null)
                        .status())
                .isEqualTo(404);
        Reply installed = RUNNING.host().install(Fixtures.SAMPLE_V1);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        assertThat(RUNNING.host().get("/api/sample").json().get("migrations").toString())
                .isEqualTo("[\"1\"]");
        assertThat(RUNNING.host().get("/api/sample/items").json()).isEmpty();
    }

    @Test
    void rollbackWithoutPreviousVersionIsAConflict() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);

        Reply refused = RUNNING.host().admin("POST", "/admin/plugins/sample/rollback", null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("nothing to roll back to");
    }

    @Test
    void disableWithdrawsTheRoutesAndEnableBringsThemBackWithTheData() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().postJson("/api/sample/items", "{\"name\": \"kept\", \"quantity\": 1}");

        Reply disabled = RUNNING.host().admin("POST", "/admin/plugins/sample/disable", null);

        assertThat(disabled.json().get("state").asText()).isEqualTo("DISABLED");
        assertThat(RUNNING.host().get("/api/sample/items").status()).isEqualTo(404);

        Reply enabled = RUNNING.host().admin("POST", "/admin/plugins/sample/enable", null);

        assertThat(enabled.json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(RUNNING.host()
                        .get("/api/sample/items")
                        .json()
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("kept");
    }

    @Test
    void uninstallKeepsTheDataAndPurgeDropsTheSchema() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().postJson("/api/sample/items", "{\"name\": \"kept\", \"quantity\": 1}");

        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/sample", null).status())
                .isEqualTo(204);

        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(404);
        assertThat(RUNNING.host().admin("GET", "/admin/plugins/sample", null).status())
                .isEqualTo(404);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT name FROM plugin_sample.items"))
                .containsExactly("kept");

        RUNNING.host().install(Fixtures.SAMPLE_V1);
        assertThat(RUNNING.host()
                        .get("/api/sample/items")
                        .json()
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("kept");

        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/sample?purge=true", null)
                        .status())
                .isEqualTo(204);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT nspname FROM pg_namespace WHERE nspname = 'plugin_sample'"))
                .isEmpty();
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM metacortex.plugin_bundles"))
                .containsExactly("0");
    }

    @Test
    void pluginsAreIndependent() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS);

        RUNNING.host().admin("POST", "/admin/plugins/tasks/disable", null);

        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(200);
        List<String> states = RUNNING.host()
                .admin("GET", "/admin/plugins", null)
                .json()
                .get("plugins")
                .findValuesAsText("state");
        assertThat(states).containsExactly("ACTIVE", "DISABLED");
    }
}

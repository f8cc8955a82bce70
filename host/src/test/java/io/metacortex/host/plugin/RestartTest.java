package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.RunningHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry is the source of truth: after a restart the same plugins run at the same versions and states. */
class RestartTest {

    @Test
    void restartRestoresPluginsVersionsAndStates(@TempDir Path dataDir) {
        try (TestDatabase database = TestPostgres.createDatabase();
                RunningHost host = RunningHost.start(database, dataDir)) {
            host.install(Fixtures.SAMPLE_V1);
            host.upgrade("sample", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of()));
            host.postJson("/api/sample/items", "{\"name\": \"kept\", \"quantity\": 1}");
            host.install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS);
            host.admin("POST", "/admin/plugins/tasks/disable", null);
            JsonNode before = host.admin("GET", "/admin/plugins", null).json();

            host.restart();

            assertThat(host.admin("GET", "/admin/plugins", null).json()).isEqualTo(before);
            assertThat(host.get("/api/sample").json().get("version").asText()).isEqualTo("1.1.0");
            assertThat(host.get("/api/sample/items").json().get(0).get("name").asText())
                    .isEqualTo("kept");
            assertThat(host.get("/api/tasks").status()).isEqualTo(404);
            assertThat(host.admin("POST", "/admin/plugins/sample/rollback", null)
                            .json()
                            .get("version")
                            .asText())
                    .isEqualTo("1.0.0");
        }
    }

    @Test
    void embeddedDefaultKeepsStateAcrossRestarts(@TempDir Path dataDir) {
        try (RunningHost host = RunningHost.start(null, dataDir)) {
            assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
            host.postJson("/api/sample/items", "{\"name\": \"embedded\", \"quantity\": 1}");

            host.restart();

            assertThat(host.get("/api/sample/items").json().get(0).get("name").asText())
                    .isEqualTo("embedded");
            assertThat(dataDir.resolve("postgres")).isDirectory();
        }
    }
}

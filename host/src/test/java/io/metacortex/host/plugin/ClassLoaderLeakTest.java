package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.RunningHost;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replaced or uninstalled plugin version must leave nothing behind that keeps its class loader reachable: not
 * Jersey, Jackson, Hibernate Validator, Jdbi, metrics or health-check registries, nor swagger-core, which read its
 * resources, models and swagger annotations for {@code /openapi.json}; nor the threads of its executor.
 */
class ClassLoaderLeakTest {

    private static final int MAX_GC_ROUNDS = 30;

    @Test
    void upgradedAndUninstalledVersionsAreCollected(@TempDir Path dataDir) {
        try (TestDatabase database = TestPostgres.createDatabase();
                RunningHost host = RunningHost.start(database, dataDir)) {
            host.install(Fixtures.SAMPLE_V1);
            exercise(host);
            WeakReference<ClassLoader> v1 = new WeakReference<>(
                    host.app().plugins().classLoader("sample").orElseThrow());

            host.upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2));
            exercise(host);
            WeakReference<ClassLoader> v2 = new WeakReference<>(
                    host.app().plugins().classLoader("sample").orElseThrow());
            assertThat(collected(v1))
                    .as("version 1.0.0's class loader collected after the upgrade")
                    .isTrue();

            assertThat(host.admin("DELETE", "/admin/plugins/sample", null).status())
                    .isEqualTo(204);
            assertThat(host.get("/openapi.json").json().get("paths").has("/api/sample"))
                    .isFalse();
            assertThat(collected(v2))
                    .as("version 2.0.0's class loader collected after uninstall")
                    .isTrue();

            // tasks describes its routes with swagger annotations, whose values name its classes.
            assertThat(host.install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS).status())
                    .isEqualTo(201);
            assertThat(host.get("/openapi.json")
                            .json()
                            .at("/paths/~1api~1tasks/post/responses/201/content" + "/application~1json/schema/$ref")
                            .asText())
                    .isEqualTo("#/components/schemas/tasks.Task");
            assertThat(host.postJson("/api/tasks", "{\"title\": \"x\"}").status())
                    .isEqualTo(201);
            WeakReference<ClassLoader> tasks = new WeakReference<>(
                    host.app().plugins().classLoader("tasks").orElseThrow());
            assertThat(host.admin("DELETE", "/admin/plugins/tasks", null).status())
                    .isEqualTo(204);
            assertThat(host.get("/openapi.json").json().get("paths").has("/api/tasks"))
                    .isFalse();
            assertThat(collected(tasks))
                    .as("the tasks plugin's class loader collected after uninstall")
                    .isTrue();
        }
    }

    /**
     * A plugin whose tasks ran on the executor its context gave it (a periodic one, one waiting for its interrupt,
     * one run at a request): its threads end with the version, and its class loader is collected.
     */
    @Test
    void aPluginThatRanThreadsOnItsExecutorIsCollectedAfterUninstall(@TempDir Path dataDir) {
        try (TestDatabase database = TestPostgres.createDatabase();
                RunningHost host = RunningHost.start(
                        database, dataDir, config -> config.getPlugins().setTrustedCode(List.of("hostile-executor")))) {
            assertThat(host.install(Fixtures.hostile("executor")).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> host.get("/api/hostile-executor")
                                    .json()
                                    .get("ticks")
                                    .asLong()
                            >= 3);
            assertThat(host.get("/api/hostile-executor/run")
                            .json()
                            .get("thread")
                            .asText())
                    .startsWith("plugin-hostile-executor-");
            WeakReference<ClassLoader> loader = new WeakReference<>(
                    host.app().plugins().classLoader("hostile-executor").orElseThrow());

            assertThat(host.admin("DELETE", "/admin/plugins/hostile-executor", null)
                            .status())
                    .isEqualTo(204);
            assertThat(host.admin("GET", "/admin/leftover-threads", null).json().get("threads"))
                    .isEmpty();
            assertThat(collected(loader))
                    .as("the executor plugin's class loader collected after uninstall")
                    .isTrue();
        }
    }

    /**
     * Runs every code path of the sample plugin: JSON in and out, validation, Jdbi, an exception, and its models in
     * the OpenAPI document.
     */
    private static void exercise(RunningHost host) {
        JsonNode api = host.get("/openapi.json").json();
        assertThat(api.at("/paths/~1api~1sample~1items/post/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/sample.NewItem");
        assertThat(api.at("/components/schemas/sample.NewItem/properties").has("quantity"))
                .isTrue();
        assertThat(host.get("/api/sample").status()).isEqualTo(200);
        assertThat(host.postJson("/api/sample/items", "{\"name\": \"x\", \"quantity\": 2}")
                        .status())
                .isEqualTo(201);
        assertThat(host.postJson("/api/sample/items", "{\"name\": \"\"}").status())
                .isEqualTo(422);
        assertThat(host.postJson("/api/sample/items", "{\"quantity\": \"many\"}")
                        .status())
                .isEqualTo(422);
        assertThat(host.get("/api/sample/items").status()).isEqualTo(200);
        assertThat(host.get("/api/sample/boom").status()).isEqualTo(500);
    }

    private static boolean collected(WeakReference<ClassLoader> loader) {
        List<byte[]> pressure = new ArrayList<>();
        for (int round = 0; round < MAX_GC_ROUNDS && loader.get() != null; round++) {
            System.gc();
            pressure.add(new byte[1 << 20]);
            if (pressure.size() > 8) {
                pressure.clear();
            }
        }
        return loader.get() == null;
    }
}

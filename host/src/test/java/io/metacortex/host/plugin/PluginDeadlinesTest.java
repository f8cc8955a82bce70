package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plugin's start, stop and migrations run with deadlines (2 s here): past one the operation is refused with 422
 * naming the plugin and the phase, the version is unloaded and nothing of it is left, and the admin lock is free at
 * once. A version refused so never becomes active later, an upgrade refused so leaves the old version serving, and a
 * restart never waits longer than the deadline for a plugin: it comes up ready with that plugin FAILED.
 */
class PluginDeadlinesTest {

    private static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(2);
    /** The deadline, what the host does after it (interrupt, clean up), and a loaded machine's slowness. */
    private static final java.time.Duration BOUND = java.time.Duration.ofSeconds(10);

    private static final Map<String, Map<String, String>> SETTINGS = new ConcurrentHashMap<>();

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        config.getPlugins().setStartTimeout(Duration.seconds(2));
        config.getPlugins().setStopTimeout(Duration.seconds(2));
        config.getPlugins().setMigrationTimeout(Duration.seconds(2));
        config.getPlugins().setTrustedCode(List.of("hostile-sleeper", "hostile-slowstop", "hostile-slowmigration"));
        config.getPlugins().setSettings(SETTINGS);
    });

    @AfterEach
    void purge() {
        SETTINGS.clear();
        RUNNING.purgeAllPlugins();
    }

    @Test
    void aStartPastItsDeadlineIsRefusedAndTheAdminLockIsReleasedAtOnce() {
        RunningHost host = RUNNING.host();
        SETTINGS.put("hostile-sleeper", Map.of("sleep", "PT10M"));
        long start = System.nanoTime();

        CompletableFuture<Reply> sleeper =
                CompletableFuture.supplyAsync(() -> host.install(Fixtures.hostile("sleeper")));
        Reply list = host.admin("GET", "/admin/plugins", null);
        Reply sample = host.install(Fixtures.SAMPLE_V1);
        Reply refused = sleeper.join();

        assertThat(elapsedSince(start)).isLessThan(BOUND);
        assertThat(list.status()).isEqualTo(200);
        assertThat(sample.status()).as("an admin write waiting for the lock").isEqualTo(201);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("plugin did not start");
        assertThat(refused.json().get("detail").asText())
                .contains("Plugin hostile-sleeper 1.0.0 did not start within 2 s", "Nothing was installed.");
        assertNothingLeftOf("hostile-sleeper");
        assertThat(host.get("/api/sample").status()).isEqualTo(200);
    }

    @Test
    void aStartThatEndsAfterTheDeadlineNeverMakesTheVersionActive() {
        RunningHost host = RUNNING.host();
        SETTINGS.put("hostile-sleeper", Map.of("sleep", "PT4S", "ignoreInterrupts", "true"));

        Reply refused = host.install(Fixtures.hostile("sleeper"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText())
                .contains("was interrupted but did not end, and was abandoned");
        await("the abandoned start returning")
                .atMost(BOUND)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("plugin-hostile-sleeper-start")));

        assertThat(host.admin("GET", "/admin/plugins/hostile-sleeper", null).status())
                .isEqualTo(404);
        assertThat(host.get("/api/hostile-sleeper").status()).isEqualTo(404);
        assertNothingLeftOf("hostile-sleeper");
    }

    @Test
    void anUpgradePastTheDeadlineLeavesTheOldVersionServing() {
        RunningHost host = RUNNING.host();
        SETTINGS.put("hostile-sleeper", Map.of("sleep", "PT0S"));
        assertThat(host.install(Fixtures.hostile("sleeper")).status()).isEqualTo(201);
        SETTINGS.put("hostile-sleeper", Map.of("sleep", "PT10M"));
        byte[] newer = withVersion(Fixtures.hostile("sleeper"), "1.1.0");
        long start = System.nanoTime();

        Reply refused = host.upgrade("hostile-sleeper", newer);

        assertThat(elapsedSince(start)).isLessThan(BOUND);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText())
                .contains("Plugin hostile-sleeper 1.1.0 did not start within 2 s", "Version 1.0.0 is unchanged");
        JsonNode plugin =
                host.admin("GET", "/admin/plugins/hostile-sleeper", null).json();
        assertThat(plugin.get("version").asText()).isEqualTo("1.0.0");
        assertThat(plugin.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(host.app().plugins().classLoader("hostile-sleeper")).isPresent();
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT version FROM metacortex.plugin_bundles WHERE plugin_id = 'hostile-sleeper'"))
                .containsExactly("1.0.0");
    }

    @Test
    void aRestartWaitsNoLongerThanTheDeadlineAndComesUpReadyWithThePluginFailed() throws Exception {
        RunningHost host = RUNNING.host();
        SETTINGS.put("hostile-sleeper", Map.of("sleep", "PT0S"));
        assertThat(host.install(Fixtures.hostile("sleeper")).status()).isEqualTo(201);
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        SETTINGS.put("hostile-sleeper", Map.of("sleep", "PT10M"));
        long start = System.nanoTime();

        host.restart();

        assertThat(elapsedSince(start)).isLessThan(BOUND.plusSeconds(10));
        JsonNode sleeper =
                host.admin("GET", "/admin/plugins/hostile-sleeper", null).json();
        assertThat(sleeper.get("state").asText()).isEqualTo("FAILED");
        assertThat(sleeper.get("failureReason").asText())
                .contains("Plugin hostile-sleeper 1.0.0 did not start within 2 s");
        assertThat(host.admin("GET", "/admin/plugins/sample", null)
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("ACTIVE");
        assertThat(host.get("/api/sample").status()).isEqualTo(200);
        Reply ready = host.send(HttpRequest.newBuilder(host.adminPortUri("/health/ready")));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(host.send(HttpRequest.newBuilder(host.adminPortUri("/healthcheck")))
                        .body())
                .contains("Failed plugins: hostile-sleeper");
    }

    @Test
    void aStopPastItsDeadlineStillUnloadsThePlugin() {
        RunningHost host = RUNNING.host();
        SETTINGS.put("hostile-slowstop", Map.of("sleep", "PT10M", "ignoreInterrupts", "true"));
        assertThat(host.install(Fixtures.hostile("slowstop")).status()).isEqualTo(201);
        long start = System.nanoTime();

        Reply uninstalled = host.admin("DELETE", "/admin/plugins/hostile-slowstop?purge=true", null);

        assertThat(elapsedSince(start)).isLessThan(BOUND);
        assertThat(uninstalled.status()).isEqualTo(204);
        assertThat(host.app().plugins().classLoader("hostile-slowstop")).isEmpty();
        assertNothingLeftOf("hostile-slowstop");
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    @Test
    void migrationsPastTheirDeadlineAreCancelledAndNothingIsApplied() {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        long start = System.nanoTime();

        Reply refused = host.install(Fixtures.hostile("slowmigration"));

        assertThat(elapsedSince(start)).isLessThan(BOUND);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("migration did not finish");
        assertThat(refused.json().get("detail").asText())
                .contains(
                        "Migrations of plugin hostile-slowmigration did not finish within 2 s",
                        "V1__sleep.sql",
                        "nothing of them is applied");
        assertNothingLeftOf("hostile-slowmigration");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT pid::text FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%'"
                                + " AND pid <> pg_backend_pid()"))
                .as("no backend still sleeping")
                .isEmpty();
        assertThat(host.get("/api/sample").status()).isEqualTo(200);
    }

    private static void assertNothingLeftOf(String id) {
        String schema = "plugin_" + id.replace('-', '_');
        assertThat(RUNNING.host().admin("GET", "/admin/plugins/" + id, null).status())
                .isEqualTo(404);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT nspname FROM pg_namespace WHERE nspname = '" + schema + "'"))
                .as("schema")
                .isEmpty();
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT rolname FROM pg_roles WHERE rolname = '" + schema + "'"))
                .as("role")
                .isEmpty();
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT version FROM metacortex.plugin_bundles WHERE plugin_id = '" + id + "'"))
                .as("kept bundles")
                .isEmpty();
    }

    private static byte[] withVersion(byte[] jar, String version) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("hostile", ".jar");
            java.nio.file.Files.write(file, jar);
            byte[] rewritten = Fixtures.withHeader(file, "Bundle-Version", version);
            java.nio.file.Files.delete(file);
            return rewritten;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.time.Duration elapsedSince(long start) {
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }
}

package io.metacortex.host.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plugins' threads: the executor a plugin gets from its context runs its tasks on the plugin's threads and is shut
 * down when the version stops; a thread a stopped version left running (its own, or an executor task ignoring its
 * interrupt) is reported by {@code GET /admin/leftover-threads} with its stack, and the host keeps serving.
 */
class PluginThreadsTest {

    private static final java.time.Duration BOUND = java.time.Duration.ofSeconds(20);

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        // The code check refuses new Thread at install: these are installed as trusted code to test what runs anyway.
        config.getPlugins().setTrustedCode(List.of("hostile-leaker", "hostile-executor"));
        config.getPlugins().setThreadsPerPlugin(2);
        config.getPlugins().setDrainTimeout(Duration.seconds(2));
    });

    @AfterEach
    void uninstallAll() {
        RUNNING.purgeAllPlugins();
    }

    /** Ends the hostile threads, which otherwise outlive the tests: they give up once renamed and interrupted. */
    @AfterAll
    static void releaseLeftovers() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("leaker-") || thread.getName().startsWith("plugin-hostile-executor-")) {
                thread.setName(thread.getName() + "-released");
                thread.interrupt();
            }
        }
    }

    @Test
    void theExecutorRunsTasksOnThePluginsThreadsUntilItStops() {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.hostile("executor")).status()).isEqualTo(201);

        await().atMost(BOUND)
                .until(() ->
                        host.get("/api/hostile-executor").json().get("ticks").asLong() >= 5);
        assertThat(host.get("/api/hostile-executor/run").json().get("thread").asText())
                .matches("plugin-hostile-executor-[12]");
        assertThat(names(host.get("/api/hostile-executor").json().get("threads")))
                .allMatch(name -> name.matches("plugin-hostile-executor-[12]"));
        assertThat(liveThreads("plugin-hostile-executor-")).hasSizeBetween(1, 2);

        assertThat(host.admin("POST", "/admin/plugins/hostile-executor/disable", null)
                        .status())
                .isEqualTo(200);
        // The pool has terminated; its last thread may take a moment to be gone.
        await().atMost(BOUND)
                .until(() -> liveThreads("plugin-hostile-executor-").isEmpty());
        assertThat(leftovers(host, "hostile-executor")).isEmpty();
    }

    /** Threads a plugin starts from any of its code inherit its class loader: that is how they are recognised. */
    @Test
    void pluginCodeRunsWithThePluginsClassLoaderAsContextClassLoader() {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.hostile("executor")).status()).isEqualTo(201);
        assertThat(host.asUser("POST", "/api/hostile-executor/job", null)
                        .json()
                        .get("scheduled")
                        .asBoolean())
                .isTrue();

        await().atMost(BOUND)
                .until(() -> host.get("/api/hostile-executor/loaders").json().has("job"));
        JsonNode loaders = host.get("/api/hostile-executor/loaders").json();
        assertThat(loaders.get("task").asBoolean()).as("an executor task").isTrue();
        assertThat(loaders.get("job").asBoolean()).as("a job run").isTrue();
        assertThat(loaders.get("request").asBoolean()).as("a request").isTrue();
    }

    @Test
    void anExecutorTaskIgnoringItsInterruptIsReportedAfterUninstall() {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.hostile("executor")).status()).isEqualTo(201);
        assertThat(host.asUser("POST", "/api/hostile-executor/stubborn", null).status())
                .isEqualTo(200);

        long started = System.nanoTime();
        assertThat(host.admin("DELETE", "/admin/plugins/hostile-executor", null).status())
                .isEqualTo(204);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);

        List<JsonNode> left = leftovers(host, "hostile-executor");
        assertThat(left).singleElement().satisfies(thread -> {
            assertThat(thread.get("version").asText()).isEqualTo("1.0.0");
            assertThat(thread.get("name").asText()).matches("plugin-hostile-executor-[12]");
            assertThat(thread.get("daemon").asBoolean()).isTrue();
            assertThat(names(thread.get("stack")))
                    .anyMatch(frame -> frame.startsWith("io.metacortex.fixture.hostile.executor.Work.never("));
        });
        assertThat(host.admin("GET", "/admin/plugins", null).status()).isEqualTo(200);
    }

    @Test
    void aPluginsOwnThreadIsReportedAfterEachUninstallAndTheHostKeepsServing() {
        RunningHost host = RUNNING.host();
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);

        for (int cycle = 1; cycle <= 4; cycle++) {
            assertThat(host.install(Fixtures.hostile("leaker")).status()).isEqualTo(201);
            assertThat(host.admin("DELETE", "/admin/plugins/hostile-leaker", null)
                            .status())
                    .isEqualTo(204);

            List<JsonNode> left = leftovers(host, "hostile-leaker");
            assertThat(left).as("after cycle %d", cycle).hasSize(cycle).allSatisfy(thread -> {
                assertThat(thread.get("plugin").asText()).isEqualTo("hostile-leaker");
                assertThat(thread.get("version").asText()).isEqualTo("1.0.0");
                assertThat(thread.get("name").asText()).isEqualTo("leaker-1.0.0");
                assertThat(thread.get("daemon").asBoolean()).isFalse();
                assertThat(thread.get("state").asText()).isIn("TIMED_WAITING", "RUNNABLE");
                assertThat(names(thread.get("stack")))
                        .anyMatch(frame -> frame.startsWith("io.metacortex.fixture.hostile.leaker.LeakerPlugin.spin("));
            });
            assertThat(host.get("/api/sample").status()).isEqualTo(200);
            assertThat(host.admin("GET", "/admin/plugins", null).status()).isEqualTo(200);
        }
        assertThat(liveThreads("leaker-1.0.0")).hasSize(4);
        // Reported under every plugin, and for no other plugin.
        assertThat(host.admin("GET", "/admin/leftover-threads", null).json().get("threads"))
                .hasSize(4);
        assertThat(leftovers(host, "sample")).isEmpty();
    }

    @Test
    void aBadPluginFilterIsRefused() {
        RunningHost.Reply reply = RUNNING.host().admin("GET", "/admin/leftover-threads?plugin=Not_An_Id", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid plugin id");
        assertThat(reply.json().get("detail").asText()).contains("plugin must be a plugin id");
    }

    private static List<JsonNode> leftovers(RunningHost host, String plugin) {
        RunningHost.Reply reply = host.admin("GET", "/admin/leftover-threads?plugin=" + plugin, null);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> threads = new ArrayList<>();
        reply.json().get("threads").forEach(threads::add);
        return threads;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asText()));
        return names;
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}

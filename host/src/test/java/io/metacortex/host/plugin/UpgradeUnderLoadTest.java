package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upgrades and rollbacks while clients keep calling the plugin and the host: not one request may fail. */
class UpgradeUnderLoadTest {

    private static final int CLIENTS = 6;
    private static final int SWITCHES = 10;

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeEach
    void noSamplePlugin() {
        RUNNING.host().admin("DELETE", "/admin/plugins/sample?purge=true", null);
    }

    @Test
    void aRequestInFlightCompletesOnTheVersionItStartedOn() throws Exception {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        CompletableFuture<RunningHost.Reply> slow =
                CompletableFuture.supplyAsync(() -> RUNNING.host().get("/api/sample/slow?seconds=2"));
        awaitInDatabase("sample slow request");

        RunningHost.Reply upgraded =
                RUNNING.host().upgrade("sample", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of()));

        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(slow.isDone())
                .as("the upgrade waited for the request in flight")
                .isTrue();
        assertThat(slow.get().status()).isEqualTo(200);
        assertThat(slow.get().json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.1.0");
    }

    /** Waits until a query carrying {@code marker} runs in PostgreSQL: the request is then certainly in flight. */
    private static void awaitInDatabase(String marker) {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%" + marker + "%'"
                + " AND query NOT LIKE '%pg_stat_activity%'";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (DatabaseSnapshot.query(RUNNING.database(), sql).get(0).equals("0")) {
            assertThat(System.nanoTime())
                    .as("the slow request reached the RUNNING.database()")
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void noRequestFailsWhileThePluginIsUpgradedAndRolledBack() throws Exception {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        byte[] v11 = Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String path = i % 3 == 0 ? "/admin/plugins" : i % 3 == 1 ? "/api/sample" : "/api/sample/items";
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    String token = path.startsWith("/admin")
                            ? RunningHost.ADMIN_TOKEN
                            : RUNNING.host().userToken();
                    HttpRequest request = HttpRequest.newBuilder(RUNNING.host().uri(path))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build();
                    HttpResponse<String> response =
                            RUNNING.host().http().send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        ok.incrementAndGet();
                        if (path.equals("/api/sample")) {
                            versionsSeen.add(response.body().replaceAll(".*\"version\":\"([^\"]+)\".*", "$1"));
                        }
                    } else {
                        synchronized (failures) {
                            failures.add(path + " -> " + response.statusCode() + " " + response.body());
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (int i = 0; i < SWITCHES; i++) {
                assertThat(RUNNING.host().upgrade("sample", v11).status()).isEqualTo(200);
                assertThat(RUNNING.host()
                                .admin("POST", "/admin/plugins/sample/rollback", null)
                                .status())
                        .isEqualTo(200);
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            clients.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThan(CLIENTS * SWITCHES);
        assertThat(versionsSeen).contains("1.0.0", "1.1.0");
    }
}

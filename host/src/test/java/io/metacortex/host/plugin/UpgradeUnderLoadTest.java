package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.RunningHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrades and rollbacks while clients keep calling the plugin and the host: not one request may fail. */
class UpgradeUnderLoadTest {

    private static final int CLIENTS = 6;
    private static final int SWITCHES = 10;

    @TempDir
    static Path dataDir;
    static TestDatabase database;
    static RunningHost host;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase();
        host = RunningHost.start(database, dataDir);
    }

    @AfterAll
    static void stop() {
        host.close();
        database.close();
    }

    @Test
    void noRequestFailsWhileThePluginIsUpgradedAndRolledBack() throws Exception {
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
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
                    HttpRequest request = HttpRequest.newBuilder(host.uri(path))
                            .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN).GET().build();
                    HttpResponse<String> response = host.http().send(request, HttpResponse.BodyHandlers.ofString());
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
                assertThat(host.upgrade("sample", v11).status()).isEqualTo(200);
                assertThat(host.admin("POST", "/admin/plugins/sample/rollback", null).status()).isEqualTo(200);
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

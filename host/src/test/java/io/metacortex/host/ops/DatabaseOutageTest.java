package io.metacortex.host.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import io.metacortex.db.EmbeddedPostgresServer;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under write load and comes back: requests fail fast with 503 JSON, readiness turns red,
 * and the host recovers by itself with every acknowledged write kept.
 */
class DatabaseOutageTest {

    private static final Duration CONNECT_TIMEOUT = Duration.seconds(2);
    private static final long FAIL_FAST_MILLIS = 2 * CONNECT_TIMEOUT.toMilliseconds();
    private static final long RECOVERY_DEADLINE_MILLIS = 60_000;
    private static final int MAX_WRITES = 5_000;

    @Test
    void requestsFailFastDuringAnOutageAndTheHostRecoversWithEveryAcknowledgedWrite(@TempDir Path dir)
            throws Exception {
        Path cluster = dir.resolve("postgres");
        EmbeddedPostgresServer database = EmbeddedPostgresServer.start(cluster, 0);
        int port = database.port();
        Writer writer = null;
        try (RunningHost host = RunningHost.start(null, dir.resolve("host"), config -> {
            config.getDatabase().setUrl(database.jdbcUrl());
            config.getDatabase().setUser(database.user());
            config.getDatabase().setPassword(database.password());
            config.getDatabase().setConnectTimeout(CONNECT_TIMEOUT);
        })) {
            assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
            writer = new Writer(host);
            writer.start();
            Writer load = writer;
            await("20 acknowledged writes before the outage", () -> load.acknowledged.size() >= 20);

            database.close();

            for (int i = 0; i < 5; i++) {
                assertUnavailableQuickly(host, host.get("/api/sample/items"), i);
                assertUnavailableQuickly(
                        host,
                        host.postJson("/api/sample/items", "{\"name\": \"outage-" + i + "\", \"quantity\": 1}"),
                        i);
            }
            long before = System.nanoTime();
            Reply ready = host.send(
                    HttpRequest.newBuilder(host.adminPortUri("/health/ready")).GET());
            assertThat(elapsedMillis(before)).isLessThan(FAIL_FAST_MILLIS);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().at("/checks/database/healthy").asBoolean()).isFalse();
            assertThat(host.send(HttpRequest.newBuilder(host.adminPortUri("/health/live"))
                                    .GET())
                            .status())
                    .isEqualTo(200);
            int acknowledgedDuringOutage = writer.acknowledged.size();

            try (EmbeddedPostgresServer back = EmbeddedPostgresServer.start(cluster, port)) {
                assertThat(back.port())
                        .as("the same address as before the outage")
                        .isEqualTo(port);
                await(
                        "readiness green again",
                        () -> host.send(HttpRequest.newBuilder(host.adminPortUri("/health/ready"))
                                                .GET())
                                        .status()
                                == 200);
                await(
                        "the writer acknowledged writes after the outage",
                        () -> load.acknowledged.size() >= acknowledgedDuringOutage + 20);
                writer.stopAndJoin();

                assertThat(writer.statuses.keySet())
                        .as("statuses the writer saw")
                        .containsOnly(201, 503);
                assertThat(writer.statuses.get(503).get())
                        .as("writes refused during the outage")
                        .isPositive();
                Reply items = host.get("/api/sample/items");
                assertThat(items.status()).isEqualTo(200);
                List<String> stored = new ArrayList<>();
                items.json().forEach(item -> stored.add(item.get("name").asText()));
                assertThat(stored).containsAll(writer.acknowledged).doesNotHaveDuplicates();
            }
        } finally {
            if (writer != null) {
                writer.stopAndJoin();
            }
            database.close();
        }
    }

    private static void assertUnavailableQuickly(RunningHost host, Reply reply, int round) {
        assertThat(reply.status()).as("round %d: %s", round, reply).isEqualTo(503);
        JsonNode body = reply.json();
        assertThat(body.get("error").asText()).isEqualTo("service unavailable");
        assertThat(body.get("detail").asText()).isEqualTo("the database is unavailable; retry later");
        long before = System.nanoTime();
        assertThat(host.get("/api/sample").status()).isEqualTo(503);
        assertThat(elapsedMillis(before))
                .as("a request during the outage, in ms")
                .isLessThan(FAIL_FAST_MILLIS);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void await(String condition, BooleanSupplier check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECOVERY_DEADLINE_MILLIS);
        while (!check.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + condition).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Posts uniquely named items at a steady pace and keeps the names the host acknowledged with 201. */
    private static final class Writer extends Thread {

        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final RunningHost host;
        private final AtomicBoolean running = new AtomicBoolean(true);

        Writer(RunningHost host) {
            super("outage-writer");
            this.host = host;
        }

        @Override
        public void run() {
            for (int i = 0; i < MAX_WRITES && running.get(); i++) {
                String name = "w" + i;
                int status = host.postJson("/api/sample/items", "{\"name\": \"" + name + "\", \"quantity\": 1}")
                        .status();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status == 201) {
                    acknowledged.add(name);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            running.set(false);
            join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}

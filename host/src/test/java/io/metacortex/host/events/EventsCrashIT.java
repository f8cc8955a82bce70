package io.metacortex.host.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostProcess;
import io.metacortex.host.testing.RunningHost.Reply;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host, in a JVM of its own, is SIGKILLed after a task's completion committed and before the habit linked to it
 * was checked in (habits is disabled meanwhile, which holds the delivery back: the window is certain, not timed).
 * Started again and habits enabled, the check-in happens, exactly once, from the event the completion's transaction
 * wrote.
 */
class EventsCrashIT {

    @Test
    void aCompletionCommittedBeforeAKillChecksTheHabitInExactlyOnceAfterTheRestart(@TempDir Path directory) {
        try (TestDatabase database = TestPostgres.createDatabase();
                HostProcess host = HostProcess.start(database, directory)) {
            installed(host.admin("POST", "/admin/plugins", Fixtures.bytes(Fixtures.HABITS)));
            installed(host.admin(
                    "POST", "/admin/plugins?accept=" + Fixtures.TASKS_PERMISSIONS, Fixtures.bytes(Fixtures.TASKS)));
            long task = host.postJson("/api/tasks", "{\"title\": \"Stretch\"}")
                    .json()
                    .get("id")
                    .asLong();
            Reply habit = host.postJson(
                    "/api/habits", "{\"name\": \"Stretch\", \"kind\": \"YES_NO\", \"taskId\": " + task + "}");
            assertThat(habit.status()).as(habit.body()).isEqualTo(201);
            assertThat(host.admin("POST", "/admin/plugins/habits/disable", null).status())
                    .isEqualTo(200);

            Reply completed = host.putJson("/api/tasks/" + task + "/status", "{\"status\": \"COMPLETED\"}");
            assertThat(completed.status()).as(completed.body()).isEqualTo(200);
            assertThat(query(
                            database,
                            "SELECT state || ' ' || attempts FROM metacortex.event_deliveries"
                                    + " WHERE subscriber = 'habits' AND type = 'task.completed'"))
                    .as("committed with the completion, not delivered yet")
                    .isEqualTo("pending 0");
            assertThat(query(database, "SELECT count(*) FROM plugin_habits.check_ins"))
                    .isEqualTo("0");

            host.kill();
            host.restart();
            assertThat(host.admin("POST", "/admin/plugins/habits/enable", null).status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> query(
                                    database,
                                    "SELECT state FROM metacortex.event_deliveries"
                                            + " WHERE subscriber = 'habits' AND type = 'task.completed'")
                            .equals("delivered"));
            assertThat(query(database, "SELECT count(*) FROM plugin_habits.check_ins"))
                    .isEqualTo("1");
            assertThat(query(
                            database,
                            "SELECT attempts FROM metacortex.event_deliveries"
                                    + " WHERE subscriber = 'habits' AND type = 'task.completed'"))
                    .as("the handler committed once")
                    .isEqualTo("1");
            assertThat(host.get("/api/habits/" + habit.json().get("id").asLong() + "/check-ins")
                            .json()
                            .get("items")
                            .size())
                    .isEqualTo(1);
        }
    }

    private static void installed(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static String query(TestDatabase database, String sql) {
        return DatabaseSnapshot.query(database, sql).get(0);
    }
}

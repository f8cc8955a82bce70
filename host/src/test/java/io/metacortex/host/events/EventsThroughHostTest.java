package io.metacortex.host.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tasks and habits on a running host, talking through durable events: a task completed while habits is disabled
 * waits in habits' backlog, which the admin sees, and checks the habit in once habits is enabled again; the admin
 * routes refuse bad input with JSON naming it; the Prometheus endpoint shows the deliveries.
 */
class EventsThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static RunningHost host() {
        return RUNNING.host();
    }

    @BeforeAll
    static void install() {
        assertThat(host().install(Fixtures.HABITS).status()).isEqualTo(201);
        assertThat(host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS).status())
                .isEqualTo(201);
    }

    @Test
    void aTaskCompletedWhileHabitsIsDisabledChecksItsHabitInOnceHabitsIsEnabled() {
        long task = host().postJson("/api/tasks", "{\"title\": \"Stretch\"}")
                .json()
                .get("id")
                .asLong();
        long habit = host().postJson(
                        "/api/habits", "{\"name\": \"Stretch\", \"kind\": \"YES_NO\", \"taskId\": " + task + "}")
                .json()
                .get("id")
                .asLong();
        assertThat(host().admin("POST", "/admin/plugins/habits/disable", null).status())
                .isEqualTo(200);

        Reply completed = host().asUser("PUT", "/api/tasks/" + task + "/status", "{\"status\": \"COMPLETED\"}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);

        JsonNode waiting = subscription("habits", "task.completed");
        assertThat(waiting.get("subscribed").asBoolean()).isTrue();
        assertThat(waiting.get("backlog").asLong()).isEqualTo(1);
        assertThat(waiting.get("oldestUndelivered").isNull()).isFalse();
        assertThat(waiting.get("parked").asLong()).isZero();

        assertThat(host().admin("POST", "/admin/plugins/habits/enable", null).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> host().get("/api/habits/" + habit + "/check-ins")
                                .json()
                                .get("items")
                                .size()
                        == 1);
        assertThat(subscription("habits", "task.completed").get("backlog").asLong())
                .isZero();
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT d.state || ' ' || d.attempts FROM metacortex.event_deliveries d"
                                + " WHERE d.subscriber = 'habits' AND d.type = 'task.completed'"))
                .containsExactly("delivered 1");
        assertThat(prometheus())
                .contains("metacortex_event_deliveries_total{publisher=\"tasks\",subscriber=\"habits\","
                        + "type=\"task.completed\"} 1.0")
                .contains("metacortex_event_backlog{publisher=\"tasks\",subscriber=\"habits\","
                        + "type=\"task.completed\"} 0.0");
    }

    @Test
    void theAdminRoutesRefuseBadInputNamingItAndChangeNothing() {
        long before = deliveries();

        Reply badLimit = host().admin("GET", "/admin/events/parked?limit=0", null);
        Reply badId = host().admin("POST", "/admin/events/parked/habits/abc/retry", null);
        Reply unknown = host().admin("POST", "/admin/events/parked/habits/424242/retry", null);
        Reply unknownDelete = host().admin("DELETE", "/admin/events/parked/habits/424242", null);
        Reply noToken = host().send(HttpRequest.newBuilder(host().uri("/admin/events/subscribers"))
                .GET());

        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("detail").asText()).isEqualTo("limit must be a whole number from 1 to 500.");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("detail").asText()).startsWith("eventId must be a whole number");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("parked event not found");
        assertThat(unknown.json().get("detail").asText()).contains("No event 424242 is parked for plugin habits");
        assertThat(unknownDelete.status()).isEqualTo(404);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(deliveries()).isEqualTo(before);
        assertThat(host().admin("GET", "/admin/events/parked", null)
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    private static JsonNode subscription(String subscriber, String type) {
        Reply reply = host().admin("GET", "/admin/events/subscribers", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonNode item : reply.json().get("items")) {
            if (item.get("subscriber").asText().equals(subscriber)
                    && item.get("type").asText().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("No subscription of " + subscriber + " to " + type + " in " + reply.body());
    }

    private static long deliveries() {
        return Long.parseLong(
                DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM metacortex.event_deliveries")
                        .get(0));
    }

    private static String prometheus() {
        return host().send(HttpRequest.newBuilder(host().adminPortUri("/metrics/prometheus"))
                        .GET())
                .body();
    }
}

package io.metacortex.host.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Version;

/**
 * The three modules on one host: notes shows the tasks it links to through the tasks plugin's service package, and
 * completing a task checks in the habit linked to it through the tasks plugin's durable event {@code task.completed};
 * without tasks, both keep working.
 */
class ModulesTogetherTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeEach
    void nothingInstalled() {
        for (String id : new String[] {"notes", "habits", "tasks"}) {
            RUNNING.host().admin("DELETE", "/admin/plugins/" + id + "?purge=true", null);
        }
    }

    @Test
    void notesShowLinkedTasksWhileTasksIsThereAndSayUnavailableWhenItIsNot() {
        assertThat(RUNNING.host().install(Fixtures.NOTES).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
        long task = createTask("Book the room");
        long note = RUNNING.host()
                .postJson(
                        "/api/notes",
                        "{\"title\": \"Offsite\", \"body\": \"plan\", \"taskIds\": [" + task + ", 999999]}")
                .json()
                .get("id")
                .asLong();

        JsonNode linked = linkedTasks(note);
        assertThat(linked.get(0).get("title").asText()).isEqualTo("Book the room");
        assertThat(linked.get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(linked.get(1).get("status").asText()).isEqualTo("NOT_FOUND");

        complete(task);
        assertThat(linkedTasks(note).get(0).get("status").asText()).isEqualTo("COMPLETED");

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/tasks/disable", null)
                        .status())
                .isEqualTo(200);
        assertThat(linkedTasks(note).get(0).get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(RUNNING.host()
                        .postJson("/api/notes", "{\"title\": \"Still works\"}")
                        .status())
                .isEqualTo(201);

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/tasks/enable?accept=" + Fixtures.TASKS_PERMISSIONS, null)
                        .status())
                .isEqualTo(200);
        assertThat(linkedTasks(note).get(0).get("status").asText()).isEqualTo("COMPLETED");

        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/tasks", null).status())
                .isEqualTo(204);
        assertThat(linkedTasks(note).get(0).get("status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void completingALinkedTaskChecksTheHabitInAcrossAnUpgradeOfTasks() {
        assertThat(RUNNING.host().install(Fixtures.HABITS).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
        long task = createTask("Stretch");
        long habit = RUNNING.host()
                .postJson("/api/habits", "{\"name\": \"Stretch\", \"kind\": \"YES_NO\", \"taskId\": " + task + "}")
                .json()
                .get("id")
                .asLong();
        Reply unknownTask = RUNNING.host()
                .postJson("/api/habits", "{\"name\": \"Ghost\", \"kind\": \"YES_NO\"," + " \"taskId\": 999999}");
        assertThat(unknownTask.status()).isEqualTo(422);
        assertThat(unknownTask.json().get("fields").has("taskId")).isTrue();

        complete(task);

        awaitCheckIns(habit, 1);
        assertThat(RUNNING.host()
                        .get("/api/habits/" + habit + "/stats")
                        .json()
                        .get("currentStreak")
                        .asInt())
                .isEqualTo(1);

        Version built = Version.parseVersion(Fixtures.bundleVersion(Fixtures.TASKS));
        byte[] newerTasks = Fixtures.asVersion(
                Fixtures.TASKS,
                new Version(built.getMajor(), built.getMinor(), built.getMicro() + 1).toString(),
                Map.of());
        assertThat(RUNNING.host()
                        .admin("PUT", "/admin/plugins/tasks", newerTasks)
                        .status())
                .isEqualTo(200);
        long later = createTask("Walk");
        long walking = RUNNING.host()
                .postJson("/api/habits", "{\"name\": \"Walk\", \"kind\": \"YES_NO\", \"taskId\": " + later + "}")
                .json()
                .get("id")
                .asLong();

        complete(later);

        awaitCheckIns(walking, 1);
        assertThat(checkIns(habit)).hasSize(1);
    }

    private static long createTask(String title) {
        Reply created = RUNNING.host().postJson("/api/tasks", "{\"title\": \"" + title + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static void complete(long task) {
        Reply completed = RUNNING.host().asUser("PUT", "/api/tasks/" + task + "/status", "{\"status\": \"COMPLETED\"}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    }

    private static JsonNode linkedTasks(long note) {
        Reply reply = RUNNING.host().get("/api/notes/" + note);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("tasks");
    }

    /** The check-in comes with the event's delivery, just after the completion's commit. */
    private static void awaitCheckIns(long habit, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> checkIns(habit).size() == count);
    }

    private static JsonNode checkIns(long habit) {
        Reply reply = RUNNING.host().get("/api/habits/" + habit + "/check-ins");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("items");
    }
}

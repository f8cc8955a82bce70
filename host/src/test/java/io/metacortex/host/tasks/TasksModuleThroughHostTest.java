package io.metacortex.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tasks plugin's 1.2.0 features through a running host, over HTTP, as the plugin's own database role with
 * row-level security: delegation between users (with the user directory behind users:read), recurrence in the
 * user's time zone, history, projects and tags.
 */
class TasksModuleThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    /** The host's test user owns the tasks; Bob (in Berlin) gets them delegated; Carol is a stranger. */
    private static String ownerId;

    private static String bobId;
    private static String bobToken;
    private static String carolToken;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        ownerId = RUNNING.host().get("/api/me").json().get("id").asText();
        Reply bob = RUNNING.host().adminJson("POST", "/admin/users", """
                {"email": "bob@example.com", "displayName": "Bob", "timeZone": "Europe/Berlin"}""");
        assertThat(bob.status()).as(bob.body()).isEqualTo(201);
        bobId = bob.json().get("id").asText();
        bobToken = RUNNING.host()
                .adminJson("POST", "/admin/users/" + bobId + "/tokens", "{\"name\": \"tests\"}")
                .json()
                .get("token")
                .asText();
        carolToken = RUNNING.host().createUserWithToken("carol@example.com", "Carol");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_tasks.tasks");
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_tasks.task_notifications");
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_tasks.projects");
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_tasks.tags");
    }

    @Test
    void delegationIsAcceptedByItsAssigneeAndInvisibleToAThirdUser() {
        long id = RUNNING.host()
                .postJson("/api/tasks", "{\"title\": \"Fix the bike\", \"tags\": [\"home\"]}")
                .json()
                .get("id")
                .asLong();
        String task = "/api/tasks/" + id;

        Reply unknown = owner("POST", task + "/delegate", "{\"assigneeId\": \"" + UUID.randomUUID() + "\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.json().get("fields").has("assigneeId")).isTrue();
        Reply delegated = owner("POST", task + "/delegate", "{\"assigneeId\": \"" + bobId + "\"}");
        assertThat(delegated.status()).as(delegated.body()).isEqualTo(200);
        assertThat(delegated.json().get("delegation").get("state").asText()).isEqualTo("PENDING");

        JsonNode bobsList = RUNNING.host()
                .as(bobToken, "GET", "/api/tasks?delegated=true", null)
                .json();
        assertThat(bobsList.get("items").findValuesAsText("title")).containsExactly("Fix the bike");
        assertThat(bobsList.get("items").get(0).get("tags").toString()).isEqualTo("[\"home\"]");
        assertThat(RUNNING.host()
                        .as(bobToken, "PUT", task + "/status", "{\"status\": \"COMPLETED\"}")
                        .status())
                .as("not accepted yet")
                .isEqualTo(403);

        for (String[] request : new String[][] {
            {"GET", task},
            {"POST", task + "/delegation/accept"},
            {"PUT", task + "/status"},
            {"GET", task + "/history"},
            {"DELETE", task}
        }) {
            Reply stranger = RUNNING.host()
                    .as(
                            carolToken,
                            request[0],
                            request[1],
                            request[0].equals("PUT") ? "{\"status\": \"COMPLETED\"}" : null);
            assertThat(stranger.status()).as(request[0] + " " + request[1]).isEqualTo(404);
        }
        assertThat(RUNNING.host()
                        .as(carolToken, "GET", "/api/tasks?delegated=true", null)
                        .json()
                        .get("items"))
                .isEmpty();

        Reply accepted = RUNNING.host().as(bobToken, "POST", task + "/delegation/accept", null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        Reply completed = RUNNING.host().as(bobToken, "PUT", task + "/status", "{\"status\": \"COMPLETED\"}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);

        JsonNode asOwner = RUNNING.host().get(task).json();
        assertThat(asOwner.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(asOwner.get("delegation").get("assigneeId").asText()).isEqualTo(bobId);
        assertThat(asOwner.get("delegation").get("state").asText()).isEqualTo("ACCEPTED");
        JsonNode history = RUNNING.host().get(task + "/history").json().get("items");
        assertThat(history.findValuesAsText("event")).containsExactly("CREATED", "DELEGATED", "ACCEPTED", "COMPLETED");
        assertThat(history.findValuesAsText("actorId")).containsExactly(ownerId, ownerId, bobId, bobId);
        assertThat(RUNNING.host()
                        .as(bobToken, "GET", task + "/history", null)
                        .json()
                        .get("items"))
                .hasSize(4);
        assertThat(RUNNING.host()
                        .as(bobToken, "PUT", task, "{\"title\": \"mine now\"}")
                        .status())
                .isEqualTo(403);

        assertThat(owner("DELETE", task, null).status()).isEqualTo(204);
        JsonNode told = RUNNING.host()
                .as(bobToken, "GET", "/api/tasks/notifications", null)
                .json()
                .get("items");
        assertThat(told.findValuesAsText("taskTitle")).containsExactly("Fix the bike");
        assertThat(RUNNING.host().get("/api/tasks/notifications").json().get("items"))
                .isEmpty();
    }

    @Test
    void completingARecurringTaskCreatesItsNextInstanceInTheUsersTimeZone() {
        // Daily at 09:00 in Berlin, completed on the Saturday before summer time starts (29 March 2026).
        Reply created = RUNNING.host().as(bobToken, "POST", "/api/tasks", """
                {"title": "Stretch", "due": "2026-03-28T08:00:00Z", "recurrence": "FREQ=DAILY"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        Reply done = RUNNING.host().as(bobToken, "PUT", "/api/tasks/" + id + "/status", "{\"status\": \"COMPLETED\"}");
        Reply again = RUNNING.host().as(bobToken, "PUT", "/api/tasks/" + id + "/status", "{\"status\": \"COMPLETED\"}");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        JsonNode items =
                RUNNING.host().as(bobToken, "GET", "/api/tasks", null).json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(items.get(1).get("status").asText()).isEqualTo("PENDING");
        assertThat(items.get(1).get("due").asText()).isEqualTo("2026-03-29T07:00:00Z");
        assertThat(items.get(1).get("seriesId").asLong()).isEqualTo(id);
        assertThat(RUNNING.host()
                        .as(
                                bobToken,
                                "GET",
                                "/api/tasks/" + items.get(1).get("id").asLong() + "/history",
                                null)
                        .json()
                        .get("items")
                        .get(0)
                        .get("details")
                        .get("previousId")
                        .asLong())
                .isEqualTo(id);

        Reply invalid = RUNNING.host()
                .as(
                        bobToken,
                        "POST",
                        "/api/tasks",
                        "{\"title\": \"x\", \"recurrence\": \"FREQ=OFTEN\"," + " \"due\": \"2026-03-28T08:00:00Z\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("fields").has("recurrence")).isTrue();
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_tasks.tasks"))
                .containsExactly("2");
    }

    @Test
    void projectsAndTagsBelongToTheirUser() {
        Reply project = RUNNING.host().postJson("/api/tasks/projects", "{\"name\": \"Garden\"}");
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        long projectId = project.json().get("id").asLong();
        assertThat(RUNNING.host()
                        .postJson("/api/tasks/projects", "{\"name\": \"GARDEN\"}")
                        .status())
                .isEqualTo(409);
        RUNNING.host()
                .postJson(
                        "/api/tasks",
                        "{\"title\": \"Dig\", \"projectId\": " + projectId + ", \"tags\": [\"outside\"]}");

        assertThat(RUNNING.host()
                        .get("/api/tasks?projectId=" + projectId)
                        .json()
                        .get("items")
                        .findValuesAsText("title"))
                .containsExactly("Dig");
        JsonNode tags = RUNNING.host().get("/api/tasks/tags").json().get("items");
        assertThat(tags.findValuesAsText("name")).containsExactly("outside");
        assertThat(tags.get(0).get("taskCount").asLong()).isEqualTo(1);
        assertThat(RUNNING.host()
                        .as(carolToken, "GET", "/api/tasks/projects/" + projectId, null)
                        .status())
                .isEqualTo(404);
        assertThat(RUNNING.host()
                        .as(carolToken, "GET", "/api/tasks/tags", null)
                        .json()
                        .get("items"))
                .isEmpty();
        Reply foreign = RUNNING.host()
                .as(carolToken, "POST", "/api/tasks", "{\"title\": \"x\", \"projectId\": " + projectId + "}");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().get("fields").has("projectId")).isTrue();

        assertThat(owner("DELETE", "/api/tasks/projects/" + projectId, null).status())
                .isEqualTo(204);
        assertThat(RUNNING.host()
                        .get("/api/tasks")
                        .json()
                        .get("items")
                        .get(0)
                        .get("projectId")
                        .isNull())
                .isTrue();
    }

    private static Reply owner(String method, String path, String json) {
        return RUNNING.host().asUser(method, path, json);
    }
}

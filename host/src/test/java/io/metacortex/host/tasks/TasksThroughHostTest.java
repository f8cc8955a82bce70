package io.metacortex.host.tasks;

import static io.metacortex.host.testing.JsonErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tasks plugin as the frontend sees it: installed in a running host, called over HTTP. */
class TasksThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    /** A second user's token; the host's own test user is the first. */
    private static String otherUser;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_tasks.tasks");
    }

    @Test
    void createReadUpdateDelete() {
        Reply created = RUNNING.host().postJson("/api/tasks", """
                {"title": " Write report ", "description": "# md", "due": "2026-12-01T10:00:00+01:00",
                 "priority": "HIGH", "tags": ["Work", " urgent", "work"]}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode task = created.json();
        long id = task.get("id").asLong();
        assertThat(task.get("title").asText()).isEqualTo("Write report");
        assertThat(task.get("due").asText()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(task.get("status").asText()).isEqualTo("PENDING");
        assertThat(task.get("tags").toString()).isEqualTo("[\"urgent\",\"work\"]");
        assertThat(task.get("createdAt").asText()).endsWith("Z");

        assertThat(RUNNING.host().get("/api/tasks/" + id).json()).isEqualTo(task);

        Reply updated = send("PUT", "/api/tasks/" + id, "{\"title\": \"Report\", \"status\": \"COMPLETED\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("completedAt").isNull()).isFalse();
        assertThat(updated.json().get("priority").asText()).isEqualTo("MEDIUM");

        assertThat(send("DELETE", "/api/tasks/" + id, null).status()).isEqualTo(204);
        Reply gone = RUNNING.host().get("/api/tasks/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isEqualTo("task not found");
    }

    @Test
    void invalidTasksAre422WithAMessagePerFieldAndStoreNothing() {
        Reply invalid = RUNNING.host().postJson("/api/tasks", """
                {"title": "", "priority": "URGENT", "due": "tomorrow", "parentId": 999999}""");

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        JsonNode fields = invalid.json().get("fields");
        assertThat(fields.has("title")).isTrue();
        assertThat(fields.get("priority").asText()).contains("LOW, MEDIUM, HIGH");
        assertThat(fields.has("due")).isTrue();
        assertThat(RUNNING.host()
                        .postJson("/api/tasks", "{\"title\": \"x\", \"parentId\": 999999}")
                        .json()
                        .get("fields")
                        .has("parentId"))
                .isTrue();
        assertThat(RUNNING.host()
                        .postJson("/api/tasks", "{\"title\": " + "\"" + "x".repeat(201) + "\"}")
                        .status())
                .isEqualTo(422);
        assertThat(RUNNING.host().postJson("/api/tasks", "not json").status()).isEqualTo(400);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_tasks.tasks"))
                .containsExactly("0");
    }

    @Test
    void wronglyTypedFieldsAre422NamingTheFieldInPlainWordsAndChangeNothing() {
        Reply kept = RUNNING.host().postJson("/api/tasks", "{\"title\": \"kept\", \"tags\": [\"home\"]}");
        String task = "/api/tasks/" + kept.json().get("id").asLong();
        Reply project = RUNNING.host().postJson("/api/tasks/projects", "{\"name\": \"Typed\"}");
        String projectPath = "/api/tasks/projects/" + project.json().get("id").asLong();

        assertRefused(RUNNING.host().postJson("/api/tasks", "{\"title\": 123}"), "title", "must be a string");
        assertRefused(
                RUNNING.host().postJson("/api/tasks", "{\"title\": \"x\", \"tags\": \"home\"}"),
                "tags",
                "must be a list");
        assertRefused(
                RUNNING.host().postJson("/api/tasks", "{\"title\": \"x\", \"parentId\": \"abc\"}"),
                "parentId",
                "must be a whole number");
        assertRefused(
                RUNNING.host().postJson("/api/tasks", "{\"title\": \"x\", \"priority\": \"URGENT\"}"),
                "priority",
                "must be one of LOW, MEDIUM, HIGH");
        assertRefused(
                RUNNING.host().postJson("/api/tasks", "{\"title\": \"x\", \"completeWhenSubtasksDone\": \"yes\"}"),
                "completeWhenSubtasksDone",
                "must be true or false");
        assertRefused(
                RUNNING.host().postJson("/api/tasks", "{\"title\": \"x\", \"due\": \"tomorrow\"}"),
                "due",
                "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
        assertRefused(
                RUNNING.host().postJson("/api/tasks", "{\"title\": \"x\", \"tags\": [\"home\", 5]}"),
                "tags[1]",
                "must be a string");
        assertRefused(
                send("PUT", task, "{\"title\": \"changed\", \"projectId\": 1.5}"),
                "projectId",
                "must be a whole number");
        assertRefused(send("PUT", task + "/status", "{\"status\": 3}"), "status", "must be a string");
        assertRefused(send("PATCH", projectPath, "{\"name\": 5}"), "name", "must be a string");

        assertThat(RUNNING.host().get("/api/tasks").json().get("items").findValuesAsText("title"))
                .containsExactly("kept");
        assertThat(RUNNING.host().get(task).json().get("status").asText()).isEqualTo("PENDING");
        assertThat(RUNNING.host().get(projectPath).json().get("name").asText()).isEqualTo("Typed");
        send("DELETE", projectPath, null);
    }

    @Test
    void listFiltersAndPagesWithoutGapsOrDuplicates() {
        List<Long> high = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String priority = i % 2 == 0 ? "HIGH" : "LOW";
            long id = RUNNING.host()
                    .postJson(
                            "/api/tasks",
                            "{\"title\": \"t" + i + "\", \"priority\": \"" + priority + "\", \"tags\": [\"home\"]}")
                    .json()
                    .get("id")
                    .asLong();
            if (i % 2 == 0) {
                high.add(id);
            }
        }

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = RUNNING.host()
                    .get("/api/tasks?priority=HIGH&tag=home&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(t -> seen.add(t.get("id").asLong()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(high);
        Reply bad = RUNNING.host().get("/api/tasks?status=DONE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").has("status")).isTrue();
        assertThat(RUNNING.host().get("/api/tasks?limit=0").status()).isEqualTo(400);
    }

    @Test
    void subtasksFollowTheirParent() {
        long parent = RUNNING.host()
                .postJson("/api/tasks", "{\"title\": \"parent\"}")
                .json()
                .get("id")
                .asLong();
        long child = RUNNING.host()
                .postJson("/api/tasks", "{\"title\": \"child\", \"parentId\": " + parent + "}")
                .json()
                .get("id")
                .asLong();

        Reply children = RUNNING.host().get("/api/tasks?parentId=" + parent);
        assertThat(children.json().get("items").findValuesAsText("title")).containsExactly("child");
        Reply cycle = send("PUT", "/api/tasks/" + parent, "{\"title\": \"parent\", \"parentId\": " + child + "}");
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.json().get("fields").has("parentId")).isTrue();

        send("DELETE", "/api/tasks/" + parent, null);
        assertThat(RUNNING.host().get("/api/tasks/" + child).status()).isEqualTo(404);
    }

    @Test
    void anotherUserCanNeitherSeeNorTouchNorBuildOnTheTasks() {
        long mine = RUNNING.host()
                .postJson("/api/tasks", "{\"title\": \"mine\", \"tags\": [\"home\"]}")
                .json()
                .get("id")
                .asLong();
        RUNNING.host().postJson("/api/tasks", "{\"title\": \"my child\", \"parentId\": " + mine + "}");
        Reply theirs = asOther("POST", "/api/tasks", "{\"title\": \"theirs\", \"tags\": [\"home\"]}");
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);

        Reply list = asOther("GET", "/api/tasks?tag=home", null);
        assertThat(list.json().get("items").findValuesAsText("title")).containsExactly("theirs");
        assertThat(asOther("GET", "/api/tasks?parentId=" + mine, null).json().get("items"))
                .isEmpty();
        Reply read = asOther("GET", "/api/tasks/" + mine, null);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("detail").asText()).isEqualTo("no task with id " + mine);
        assertThat(asOther("PUT", "/api/tasks/" + mine, "{\"title\": \"taken\"}")
                        .status())
                .isEqualTo(404);
        assertThat(asOther("DELETE", "/api/tasks/" + mine, null).status()).isEqualTo(404);
        Reply foreignParent = asOther("POST", "/api/tasks", "{\"title\": \"x\", \"parentId\": " + mine + "}");
        Reply missingParent = asOther("POST", "/api/tasks", "{\"title\": \"x\", \"parentId\": 999999}");
        assertThat(foreignParent.status()).isEqualTo(422);
        assertThat(foreignParent.json().get("fields").get("parentId").asText()).isEqualTo("no task with id " + mine);
        assertThat(missingParent.json().get("fields").get("parentId").asText()).isEqualTo("no task with id 999999");

        Reply still = RUNNING.host().get("/api/tasks/" + mine);
        assertThat(still.json().get("title").asText()).isEqualTo("mine");
        assertThat(RUNNING.host().get("/api/tasks?tag=home").json().get("items").findValuesAsText("title"))
                .containsExactly("mine");
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_tasks.tasks"))
                .containsExactly("3");
    }

    @Test
    void itsHealthCheckIsReportedOnTheAdminPort() {
        Reply health = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().adminPortUri("/healthcheck"))
                        .GET());

        assertThat(health.json().get("plugin.tasks.database").get("healthy").asBoolean())
                .isTrue();
        assertThat(health.json().get("plugins").get("healthy").asBoolean()).isTrue();
    }

    private static Reply send(String method, String path, String json) {
        return RUNNING.host().asUser(method, path, json);
    }

    private static Reply asOther(String method, String path, String json) {
        return RUNNING.host().as(otherUser, method, path, json);
    }
}

package io.metacortex.host.notes;

import static io.metacortex.host.testing.JsonErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notes plugin as the frontend sees it, installed alone in a running host: without the tasks plugin, whose
 * service API notes imports optionally, it resolves, starts and serves every route, and its links to tasks say
 * UNAVAILABLE.
 */
class NotesThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    /** A second user's token; the host's own test user is the first. */
    private static String otherUser;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.NOTES);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_notes.notes");
    }

    @Test
    void itRunsWithoutTheTasksPlugin() {
        Reply plugins = RUNNING.host().admin("GET", "/admin/plugins", null);

        assertThat(plugins.json().get("plugins").findValuesAsText("id")).containsExactly("notes");
        assertThat(plugins.json().get("plugins").get(0).get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void createReadUpdateDelete() {
        Reply created = RUNNING.host().postJson("/api/notes", """
                {"title": " Meeting notes ", "body": "# Agenda", "tags": ["Work", " work"], "pinned": true}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode note = created.json();
        long id = note.get("id").asLong();
        assertThat(note.get("title").asText()).isEqualTo("Meeting notes");
        assertThat(note.get("tags").toString()).isEqualTo("[\"work\"]");
        assertThat(note.get("version").asInt()).isEqualTo(1);
        assertThat(note.get("createdAt").asText()).endsWith("Z");
        assertThat(RUNNING.host().get("/api/notes/" + id).json()).isEqualTo(note);

        Reply patched = send("PATCH", "/api/notes/" + id, "{\"archived\": true}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("pinned").asBoolean()).isTrue();
        assertThat(RUNNING.host().get("/api/notes").json().get("items")).isEmpty();
        assertThat(RUNNING.host()
                        .get("/api/notes?archived=true")
                        .json()
                        .get("items")
                        .findValuesAsText("title"))
                .containsExactly("Meeting notes");

        Reply replaced = send("PUT", "/api/notes/" + id, "{\"title\": \"Minutes\", \"body\": \"# Decisions\"}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
        assertThat(replaced.json().get("archived").asBoolean()).isFalse();

        assertThat(send("DELETE", "/api/notes/" + id, null).status()).isEqualTo(204);
        Reply gone = RUNNING.host().get("/api/notes/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isEqualTo("note not found");
    }

    @Test
    void invalidNotesAre422AndDuplicateTitles409AndStoreNothing() {
        RUNNING.host().postJson("/api/notes", "{\"title\": \"Plan\"}");

        Reply invalid = RUNNING.host().postJson("/api/notes", """
                {"title": "", "tags": ["ok", " "], "taskIds": [0]}""");
        Reply duplicate = RUNNING.host().postJson("/api/notes", "{\"title\": \"PLAN\"}");

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().get("fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("title", "tags", "taskIds");
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
        assertThat(duplicate.json().get("fields").get("title").asText()).contains("\"PLAN\"");
        assertThat(RUNNING.host().postJson("/api/notes", "not json").status()).isEqualTo(400);
        assertThat(RUNNING.host().get("/api/notes?sort=size").status()).isEqualTo(400);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_notes.notes"))
                .containsExactly("1");
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_notes.note_versions"))
                .containsExactly("1");
    }

    @Test
    void wronglyTypedFieldsAre422NamingTheFieldInPlainWordsAndChangeNothing() {
        JsonNode kept = RUNNING.host()
                .postJson("/api/notes", "{\"title\": \"Kept\", \"tags\": [\"home\"]}")
                .json();
        String note = "/api/notes/" + kept.get("id").asLong();

        assertRefused(RUNNING.host().postJson("/api/notes", "{\"title\": 123}"), "title", "must be a string");
        assertRefused(
                RUNNING.host().postJson("/api/notes", "{\"title\": \"x\", \"tags\": \"home\"}"),
                "tags",
                "must be a list");
        assertRefused(
                RUNNING.host().postJson("/api/notes", "{\"title\": \"x\", \"taskIds\": [\"abc\"]}"),
                "taskIds[0]",
                "must be a whole number");
        assertRefused(
                RUNNING.host().postJson("/api/notes", "{\"title\": \"x\", \"pinned\": \"yes\"}"),
                "pinned",
                "must be true or false");
        assertRefused(
                RUNNING.host().postJson("/api/notes", "{\"title\": \"x\", \"body\": {\"text\": \"b\"}}"),
                "body",
                "must be a string");
        assertRefused(
                send("PUT", note, "{\"title\": \"Changed\", \"tags\": [\"home\", 5]}"), "tags[1]", "must be a string");
        assertRefused(send("PATCH", note, "{\"archived\": \"yes\"}"), "archived", "must be true or false");
        assertRefused(send("PATCH", note, "{\"taskIds\": 7}"), "taskIds", "must be a list");

        assertThat(RUNNING.host().get(note).json()).isEqualTo(kept);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_notes.notes"))
                .containsExactly("1");
    }

    @Test
    void searchRanksTitleHitsFirstAndHighlightsTheBody() {
        RUNNING.host().postJson("/api/notes", "{\"title\": \"Groceries\", \"body\": \"kiwis <b>and</b> bread\"}");
        RUNNING.host().postJson("/api/notes", "{\"title\": \"Kiwi\", \"body\": \"a fruit\", \"tags\": [\"food\"]}");

        Reply found = RUNNING.host().get("/api/notes?q=" + URLEncoder.encode("kiwi", StandardCharsets.UTF_8));

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        JsonNode items = found.json().get("items");
        assertThat(items.findValuesAsText("title")).containsExactly("Kiwi", "Groceries");
        assertThat(items.get(1).get("snippet").asText()).isEqualTo("<mark>kiwis</mark> &lt;b&gt;and&lt;/b&gt; bread");
        assertThat(RUNNING.host()
                        .get("/api/notes?q=kiwi&tag=food")
                        .json()
                        .get("items")
                        .findValuesAsText("title"))
                .containsExactly("Kiwi");
    }

    @Test
    void linksResolveByTitleAndBacklinksFindTheirSources() {
        long source = RUNNING.host()
                .postJson("/api/notes", "{\"title\": \"Source\", \"body\": \"see [[Target|it]]\"}")
                .json()
                .get("id")
                .asLong();
        assertThat(RUNNING.host()
                        .get("/api/notes/" + source)
                        .json()
                        .get("links")
                        .get(0)
                        .get("noteId")
                        .isNull())
                .isTrue();

        long target = RUNNING.host()
                .postJson("/api/notes", "{\"title\": \"target\"}")
                .json()
                .get("id")
                .asLong();

        JsonNode link =
                RUNNING.host().get("/api/notes/" + source).json().get("links").get(0);
        assertThat(link.get("title").asText()).isEqualTo("Target");
        assertThat(link.get("noteId").asLong()).isEqualTo(target);
        Reply backlinks = RUNNING.host().get("/api/notes/" + target + "/backlinks");
        assertThat(backlinks.status()).as(backlinks.body()).isEqualTo(200);
        assertThat(backlinks.json().get("items").findValuesAsText("title")).containsExactly("Source");
    }

    @Test
    void versionsAndRevert() {
        long id = RUNNING.host()
                .postJson("/api/notes", "{\"title\": \"Essay\", \"body\": \"draft\"}")
                .json()
                .get("id")
                .asLong();
        send("PATCH", "/api/notes/" + id, "{\"body\": \"final\"}");

        Reply versions = RUNNING.host().get("/api/notes/" + id + "/versions");
        assertThat(versions.json().get("items").findValuesAsText("number")).containsExactly("2", "1");
        assertThat(RUNNING.host()
                        .get("/api/notes/" + id + "/versions/1")
                        .json()
                        .get("body")
                        .asText())
                .isEqualTo("draft");
        Reply reverted = send("POST", "/api/notes/" + id + "/versions/1/revert", null);
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertThat(reverted.json().get("body").asText()).isEqualTo("draft");
        assertThat(reverted.json().get("version").asInt()).isEqualTo(3);
        assertThat(RUNNING.host().get("/api/notes/" + id + "/versions/9").status())
                .isEqualTo(404);
    }

    @Test
    void linkedTasksAreUnavailableWithoutTheTasksPlugin() {
        Reply created = RUNNING.host().postJson("/api/notes", "{\"title\": \"With tasks\", \"taskIds\": [2, 1]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode tasks = RUNNING.host()
                .get("/api/notes/" + created.json().get("id").asLong())
                .json()
                .get("tasks");
        assertThat(tasks.toString())
                .isEqualTo("[{\"id\":1,\"title\":null,\"status\":\"UNAVAILABLE\"},"
                        + "{\"id\":2,\"title\":null,\"status\":\"UNAVAILABLE\"}]");
    }

    @Test
    void anotherUserCanNeitherSeeNorTouchTheNotes() {
        long mine = RUNNING.host()
                .postJson("/api/notes", "{\"title\": \"Mine\", \"body\": \"secret plans\"}")
                .json()
                .get("id")
                .asLong();

        assertThat(asOther("GET", "/api/notes/" + mine, null).status()).isEqualTo(404);
        assertThat(asOther("PUT", "/api/notes/" + mine, "{\"title\": \"taken\"}")
                        .status())
                .isEqualTo(404);
        assertThat(asOther("DELETE", "/api/notes/" + mine, null).status()).isEqualTo(404);
        assertThat(asOther("GET", "/api/notes/" + mine + "/versions", null).status())
                .isEqualTo(404);
        assertThat(asOther("GET", "/api/notes?q=secret", null).json().get("items"))
                .isEmpty();
        Reply theirs = asOther("POST", "/api/notes", "{\"title\": \"Mine\"}");
        assertThat(theirs.status()).as("titles are unique per user").isEqualTo(201);
        assertThat(RUNNING.host().get("/api/notes/" + mine).json().get("title").asText())
                .isEqualTo("Mine");
    }

    @Test
    void itsRoutesAreInTheOpenApiDocument() {
        Reply document = RUNNING.host().get("/openapi.json");
        JsonNode paths = document.json().get("paths");

        assertThat(paths.get("/api/notes").fieldNames()).toIterable().containsExactlyInAnyOrder("get", "post");
        assertThat(paths.get("/api/notes/{id}").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("get", "put", "patch", "delete");
        assertThat(paths.has("/api/notes/{id}/backlinks")).isTrue();
        assertThat(paths.get("/api/notes/{id}/versions/{number}/revert").has("post"))
                .isTrue();
        assertThat(new OpenAPIV3Parser().readContents(document.body()).getMessages())
                .isEmpty();
    }

    @Test
    void itsHealthCheckIsReportedOnTheAdminPort() {
        Reply health = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().adminPortUri("/healthcheck"))
                        .GET());

        assertThat(health.json().get("plugin.notes.database").get("healthy").asBoolean())
                .isTrue();
    }

    private static Reply send(String method, String path, String json) {
        return RUNNING.host().asUser(method, path, json);
    }

    private static Reply asOther(String method, String path, String json) {
        return RUNNING.host().as(otherUser, method, path, json);
    }
}

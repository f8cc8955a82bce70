package io.metacortex.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.metacortex.plugin.testing.PluginObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON the routes read and write, through an ObjectMapper configured as the host's per-plugin one. */
class JsonShapeTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final ObjectMapper mapper = PluginObjectMapper.create();

    @Test
    void aNoteHasItsLinksAndTasks() throws Exception {
        Note note = new Note(
                7,
                "Plan",
                "[[Budget]]",
                List.of("work"),
                true,
                false,
                List.of(new NoteLink("Budget", null)),
                List.of(3L),
                List.of(LinkedTask.unavailable(3)),
                2,
                AT,
                AT);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(note));

        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "id",
                        "title",
                        "body",
                        "tags",
                        "pinned",
                        "archived",
                        "links",
                        "taskIds",
                        "tasks",
                        "version",
                        "createdAt",
                        "updatedAt");
        assertThat(json.get("links").get(0).toString()).isEqualTo("{\"title\":\"Budget\",\"noteId\":null}");
        assertThat(json.get("tasks").get(0).toString())
                .isEqualTo("{\"id\":3,\"title\":null,\"status\":\"UNAVAILABLE\"}");
        assertThat(json.get("createdAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void aListItemHasASnippetOnlyInSearchResults() throws Exception {
        NoteSummary listed = new NoteSummary(1, "t", List.of(), false, false, List.of(), 1, AT, AT, null);
        NoteSummary found = new NoteSummary(1, "t", List.of(), false, false, List.of(), 1, AT, AT, "<mark>t</mark>");

        JsonNode page = mapper.readTree(mapper.writeValueAsString(new NotePage<>(List.of(listed), null)));

        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(page.get("items").get(0).has("snippet")).isFalse();
        assertThat(page.get("items").get(0).has("body")).isFalse();
        assertThat(mapper.readTree(mapper.writeValueAsString(found))
                        .get("snippet")
                        .asText())
                .isEqualTo("<mark>t</mark>");
    }

    @Test
    void aRequestTakesTaskIdsAndFlagsAndIgnoresUnknownFields() throws Exception {
        NoteRequest request = mapper.readValue("""
                {"title": "t", "body": "b", "tags": ["A"], "taskIds": [2, 1], "pinned": true, "id": 5}""", NoteRequest.class);

        assertThat(request).isEqualTo(new NoteRequest("t", "b", List.of("A"), List.of(2L, 1L), true, null));
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNamingItsField() {
        assertThat(refused("{\"title\": 123}")).isEqualTo("title");
        assertThat(refused("{\"title\": \"t\", \"tags\": \"home\"}")).isEqualTo("tags");
        assertThat(refused("{\"title\": \"t\", \"taskIds\": [1, \"2\"]}")).isEqualTo("taskIds.1");
        assertThat(refused("{\"title\": \"t\", \"pinned\": \"yes\"}")).isEqualTo("pinned");
        assertThat(refused("{\"title\": \"t\", \"archived\": 1}")).isEqualTo("archived");
    }

    /** @return the path of the field the mapper refused, its members and indexes joined by dots */
    private String refused(String json) {
        MismatchedInputException e =
                catchThrowableOfType(MismatchedInputException.class, () -> mapper.readValue(json, NoteRequest.class));
        assertThat(e).as(json).isNotNull();
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }
}

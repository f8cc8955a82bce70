package io.metacortex.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON the routes read and write, through an ObjectMapper configured as the host's per-plugin one. */
class JsonShapeTest {

    private final ObjectMapper mapper = PluginObjectMapper.create();

    @Test
    void aTaskIsWrittenWithIsoInstantsAndEveryField() throws Exception {
        UUID owner = UUID.fromString("6f1c1a52-61a4-4bfc-9c33-2a1f1b0f6a10");
        UUID assignee = UUID.fromString("0b0d4a35-1f33-4f4b-8f5c-3f0d8f1f2b22");
        Task task = new Task(
                7,
                owner,
                "Buy milk",
                null,
                Instant.parse("2026-12-01T09:00:00Z"),
                Priority.HIGH,
                Status.PENDING,
                List.of("home"),
                null,
                3L,
                true,
                "FREQ=WEEKLY;BYDAY=MO",
                5,
                new Delegation(assignee, DelegationState.ACCEPTED, Instant.parse("2026-11-26T11:00:00Z")),
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"),
                null);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(new TaskPage(List.of(task), null)));

        assertThat(json.get("nextCursor").isNull()).isTrue();
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("id").asLong()).isEqualTo(7);
        assertThat(item.get("due").asText()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(item.get("priority").asText()).isEqualTo("HIGH");
        assertThat(item.get("tags").get(0).asText()).isEqualTo("home");
        assertThat(item.has("parentId")).isTrue();
        assertThat(item.get("ownerId").asText()).isEqualTo(owner.toString());
        assertThat(item.get("projectId").asLong()).isEqualTo(3);
        assertThat(item.get("completeWhenSubtasksDone").asBoolean()).isTrue();
        assertThat(item.get("recurrence").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
        assertThat(item.get("seriesId").asLong()).isEqualTo(5);
        assertThat(item.get("delegation").toString())
                .isEqualTo("{\"assigneeId\":\"" + assignee
                        + "\",\"state\":\"ACCEPTED\",\"delegatedAt\":\"2026-11-26T11:00:00Z\"}");
        assertThat(item.fieldNames())
                .toIterable()
                .containsExactly(
                        "id",
                        "ownerId",
                        "title",
                        "description",
                        "due",
                        "priority",
                        "status",
                        "tags",
                        "parentId",
                        "projectId",
                        "completeWhenSubtasksDone",
                        "recurrence",
                        "seriesId",
                        "delegation",
                        "createdAt",
                        "updatedAt",
                        "completedAt");
    }

    @Test
    void errorsLeaveOutWhatTheyDoNotHave() throws Exception {
        assertThat(mapper.writeValueAsString(new ApiError("task not found", "no task with id 42", null)))
                .isEqualTo("{\"error\":\"task not found\",\"detail\":\"no task with id 42\"}");
        assertThat(mapper.writeValueAsString(new ApiError(
                        "validation failed", "title must not be blank", Map.of("title", "must not be blank"))))
                .isEqualTo("{\"error\":\"validation failed\",\"detail\":\"title must not be blank\","
                        + "\"fields\":{\"title\":\"must not be blank\"}}");
    }

    @Test
    void aBadEnumOrDateInTheBodyReachesTheValidatorInsteadOfFailingToParse() throws Exception {
        TaskRequest request = mapper.readValue("""
                {"title": "t", "priority": "URGENT", "status": "DONE", "due": "tomorrow", "id": 5, "tags": ["A"]}
                """, TaskRequest.class);

        assertThat(request).isEqualTo(new TaskRequest("t", null, "tomorrow", "URGENT", "DONE", List.of("A"), null));
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNamingItsField() {
        assertThat(refused("{\"title\": 123}")).isEqualTo("title");
        assertThat(refused("{\"title\": \"t\", \"status\": 3}")).isEqualTo("status");
        assertThat(refused("{\"title\": \"t\", \"tags\": \"home\"}")).isEqualTo("tags");
        assertThat(refused("{\"title\": \"t\", \"tags\": [\"home\", 5]}")).isEqualTo("tags.1");
        assertThat(refused("{\"title\": \"t\", \"parentId\": \"12\"}")).isEqualTo("parentId");
        assertThat(refused("{\"title\": \"t\", \"projectId\": 1.5}")).isEqualTo("projectId");
        assertThat(refused("{\"title\": \"t\", \"completeWhenSubtasksDone\": \"yes\"}"))
                .isEqualTo("completeWhenSubtasksDone");
    }

    /** @return the path of the field the mapper refused, its members and indexes joined by dots */
    private String refused(String json) {
        MismatchedInputException e =
                catchThrowableOfType(MismatchedInputException.class, () -> mapper.readValue(json, TaskRequest.class));
        assertThat(e).as(json).isNotNull();
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }

    @Test
    void theNewFieldsOfARequestAreRead() throws Exception {
        TaskRequest request = mapper.readValue("""
                {"title": "t", "projectId": 4, "completeWhenSubtasksDone": true, "recurrence": "FREQ=DAILY"}
                """, TaskRequest.class);

        assertThat(request).isEqualTo(new TaskRequest("t", null, null, null, null, null, null, 4L, true, "FREQ=DAILY"));
    }

    @Test
    void historyDetailsAreWrittenAsNestedJson() throws Exception {
        HistoryEntry entry = new HistoryEntry(
                1,
                2,
                UUID.fromString("6f1c1a52-61a4-4bfc-9c33-2a1f1b0f6a10"),
                HistoryEvent.UPDATED,
                mapper.readTree("{\"title\": {\"from\": \"a\", \"to\": \"b\"}}"),
                Instant.parse("2026-11-26T10:00:00Z"));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(new Page<>(List.of(entry), null)));

        assertThat(json.get("items")
                        .get(0)
                        .get("details")
                        .get("title")
                        .get("to")
                        .asText())
                .isEqualTo("b");
        assertThat(json.get("items").get(0).get("event").asText()).isEqualTo("UPDATED");
        assertThat(json.get("items").get(0).get("at").asText()).isEqualTo("2026-11-26T10:00:00Z");
    }
}

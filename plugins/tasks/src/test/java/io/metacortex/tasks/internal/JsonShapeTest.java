package io.metacortex.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON the routes read and write, through an ObjectMapper configured as the host's per-plugin one. */
class JsonShapeTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .registerModule(new ParameterNamesModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void aTaskIsWrittenWithIsoInstantsAndEveryField() throws Exception {
        Task task = new Task(7, "Buy milk", null, Instant.parse("2026-12-01T09:00:00Z"), Priority.HIGH,
                Status.PENDING, List.of("home"), null, Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"), null);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(new TaskPage(List.of(task), null)));

        assertThat(json.get("nextCursor").isNull()).isTrue();
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("id").asLong()).isEqualTo(7);
        assertThat(item.get("due").asText()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(item.get("priority").asText()).isEqualTo("HIGH");
        assertThat(item.get("tags").get(0).asText()).isEqualTo("home");
        assertThat(item.has("parentId")).isTrue();
        assertThat(item.fieldNames()).toIterable().containsExactly("id", "title", "description", "due", "priority",
                "status", "tags", "parentId", "createdAt", "updatedAt", "completedAt");
    }

    @Test
    void errorsLeaveOutWhatTheyDoNotHave() throws Exception {
        assertThat(mapper.writeValueAsString(new ApiError("task not found", "no task with id 42", null)))
                .isEqualTo("{\"error\":\"task not found\",\"detail\":\"no task with id 42\"}");
        assertThat(mapper.writeValueAsString(new ApiError("validation failed", "title must not be blank",
                Map.of("title", "must not be blank"))))
                .isEqualTo("{\"error\":\"validation failed\",\"detail\":\"title must not be blank\","
                        + "\"fields\":{\"title\":\"must not be blank\"}}");
    }

    @Test
    void aBadEnumOrDateInTheBodyReachesTheValidatorInsteadOfFailingToParse() throws Exception {
        TaskRequest request = mapper.readValue("""
                {"title": "t", "priority": "URGENT", "status": 3, "due": "tomorrow", "id": 5, "tags": ["A"]}
                """, TaskRequest.class);

        assertThat(request).isEqualTo(new TaskRequest("t", null, "tomorrow", "URGENT", "3", List.of("A"), null));
    }
}

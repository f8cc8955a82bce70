package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statuses and bodies of the shared errors, and their JSON in the host's shape. */
class ApiExceptionTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theResponseCarriesTheErrorAsJson() {
        ApiException e = ApiException.notFound("task not found", "no task with id 42");

        Response response = new ApiExceptionMapper().toResponse(e);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.getEntity()).isSameAs(e.error());
        assertThat(e.getMessage()).isEqualTo("task not found: no task with id 42");
    }

    @Test
    void theBodyLeavesOutWhatItDoesNotHave() throws Exception {
        assertThat(mapper.writeValueAsString(ApiException.notFound("task not found", "no task with id 42")
                        .error()))
                .isEqualTo("{\"error\":\"task not found\",\"detail\":\"no task with id 42\"}");
        assertThat(mapper.writeValueAsString(new ApiError("not allowed", null, null)))
                .isEqualTo("{\"error\":\"not allowed\"}");
        assertThat(mapper.writeValueAsString(ApiException.invalidBody(Map.of("title", "must not be blank"))
                        .error()))
                .isEqualTo("{\"error\":\"validation failed\",\"detail\":\"title must not be blank\","
                        + "\"fields\":{\"title\":\"must not be blank\"}}");
    }

    @Test
    void theSharedErrorsHaveTheirStatusesAndMessages() {
        ApiException missing = ApiException.missingBody("the note's fields");
        assertThat(missing.getResponse().getStatus()).isEqualTo(422);
        assertThat(missing.error())
                .isEqualTo(new ApiError(
                        "validation failed", "the request needs a JSON body with the note's fields", null));

        ApiException query = ApiException.invalidQuery(Map.of("limit", "must be 1 to 100"));
        assertThat(query.getResponse().getStatus()).isEqualTo(400);
        assertThat(query.error())
                .isEqualTo(new ApiError(
                        "invalid query parameter", "limit must be 1 to 100", Map.of("limit", "must be 1 to 100")));

        ApiException path = ApiException.withFields(400, "invalid path parameter", Map.of("date", "must be a date"));
        assertThat(path.error().detail()).isEqualTo("date must be a date");
        assertThat(path.getMessage()).isEqualTo("invalid path parameter: date must be a date");

        ApiException bare = new ApiException(403, new ApiError("not allowed", null, null));
        assertThat(bare.getResponse().getStatus()).isEqualTo(403);
        assertThat(bare.getMessage()).isEqualTo("not allowed");
    }
}

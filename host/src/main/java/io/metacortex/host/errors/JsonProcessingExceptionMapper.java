package io.metacortex.host.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers a request body that is not valid JSON, or does not fit the expected type, with a 400 (or a 422 naming
 * the field when a value has the wrong format).
 */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        ErrorBody body;
        int status;
        if (e instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
            String field = fieldPath(invalid);
            status = 422;
            body = new ErrorBody("validation failed", "The request body has a value of the wrong format.",
                    Map.of(field, "cannot accept " + invalid.getValue()));
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            status = 400;
            body = new ErrorBody("malformed request body",
                    "Cannot read field '" + fieldPath(mapping) + "': " + e.getOriginalMessage());
        } else {
            status = 400;
            body = new ErrorBody("malformed request body", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }
}

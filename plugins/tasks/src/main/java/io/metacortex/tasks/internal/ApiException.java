package io.metacortex.tasks.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;

/** A client error carrying its {@link ApiError} response; thrown anywhere below the resource. */
public final class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;
    private static final int UNPROCESSABLE_ENTITY = 422;

    private final transient ApiError error;

    private ApiException(int status, ApiError error) {
        super(error.error() + (error.detail() == null ? "" : ": " + error.detail()),
                Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build());
        this.error = error;
    }

    /** 404 for an id that names no task (including ids that are not numbers). */
    static ApiException taskNotFound(String id) {
        return new ApiException(404, new ApiError("task not found", "no task with id " + id, null));
    }

    /** 422 for a request body whose fields are invalid. */
    static ApiException invalidBody(Map<String, String> fields) {
        return new ApiException(UNPROCESSABLE_ENTITY, new ApiError("validation failed", summary(fields), fields));
    }

    /** 422 for a request without the JSON body it needs. */
    static ApiException missingBody() {
        return new ApiException(UNPROCESSABLE_ENTITY,
                new ApiError("validation failed", "the request needs a JSON body with the task's fields", null));
    }

    /** 400 for query parameters that cannot be understood. */
    static ApiException invalidQuery(Map<String, String> fields) {
        return new ApiException(400, new ApiError("invalid query parameter", summary(fields), fields));
    }

    public ApiError error() {
        return error;
    }

    private static String summary(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
    }
}

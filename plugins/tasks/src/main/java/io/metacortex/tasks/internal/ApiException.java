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

    /** 404 for an id that names no project of the caller. */
    static ApiException projectNotFound(String id) {
        return new ApiException(404, new ApiError("project not found", "no project with id " + id, null));
    }

    /** 404 for an id that names no tag of the caller. */
    static ApiException tagNotFound(String id) {
        return new ApiException(404, new ApiError("tag not found", "no tag with id " + id, null));
    }

    /** 403 for an action on a task the caller may see but not do this to (e.g. an assignee editing it). */
    static ApiException forbidden(String detail) {
        return new ApiException(403, new ApiError("not allowed", detail, null));
    }

    /** 409 for a request that clashes with what is stored, naming the field. */
    static ApiException conflict(String error, String field, String message) {
        return new ApiException(409, new ApiError(error, field + " " + message, Map.of(field, message)));
    }

    /** 422 for a request body whose fields are invalid. */
    static ApiException invalidBody(Map<String, String> fields) {
        return new ApiException(UNPROCESSABLE_ENTITY, new ApiError("validation failed", summary(fields), fields));
    }

    /** 422 for a request without the JSON body it needs. */
    static ApiException missingBody() {
        return missingBody("the task's fields");
    }

    /** 422 for a request without the JSON body it needs, saying what it holds, e.g. "the project's name". */
    static ApiException missingBody(String what) {
        return new ApiException(UNPROCESSABLE_ENTITY,
                new ApiError("validation failed", "the request needs a JSON body with " + what, null));
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

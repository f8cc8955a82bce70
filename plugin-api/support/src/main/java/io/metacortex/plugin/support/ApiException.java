package io.metacortex.plugin.support;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client error carrying its {@link ApiError} response; thrown anywhere below a resource and answered as it is by
 * {@link ApiExceptionMapper} (register one with the plugin's resources). The factories cover the errors every plugin
 * has; a plugin builds its own (e.g. "task not found") on {@link #notFound} or the constructor.
 */
public final class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;
    /** Unprocessable Content, which {@link Response.Status} does not name. */
    public static final int UNPROCESSABLE_ENTITY = 422;

    private final transient ApiError error;

    /**
     * @param status the HTTP status, 4xx
     * @param error the body
     */
    public ApiException(int status, ApiError error) {
        super(
                error.error() + (error.detail() == null ? "" : ": " + error.detail()),
                Response.status(status)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(error)
                        .build());
        this.error = error;
    }

    /** 404, e.g. {@code notFound("task not found", "no task with id 42")}. */
    public static ApiException notFound(String error, String detail) {
        return new ApiException(404, new ApiError(error, detail, null));
    }

    /**
     * An error that names the fields at fault, its detail summing them up ({@code "title must not be blank; due must
     * be ..."}).
     */
    public static ApiException withFields(int status, String error, Map<String, String> fields) {
        return new ApiException(status, new ApiError(error, summary(fields), fields));
    }

    /** 422 "validation failed" for a request body whose fields are invalid. */
    public static ApiException invalidBody(Map<String, String> fields) {
        return withFields(UNPROCESSABLE_ENTITY, "validation failed", fields);
    }

    /** 422 for a request without the JSON body it needs, saying what it holds, e.g. "the task's fields". */
    public static ApiException missingBody(String what) {
        return new ApiException(
                UNPROCESSABLE_ENTITY,
                new ApiError("validation failed", "the request needs a JSON body with " + what, null));
    }

    /** 400 "invalid query parameter" for query parameters that cannot be understood. */
    public static ApiException invalidQuery(Map<String, String> fields) {
        return withFields(400, "invalid query parameter", fields);
    }

    /** @return the body of the response */
    public ApiError error() {
        return error;
    }

    private static String summary(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}

package io.metacortex.habits.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
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

    /** 404 for an id that names no habit of the caller (including ids that are not numbers). */
    static ApiException habitNotFound(String id) {
        return new ApiException(404, new ApiError("habit not found", "no habit with id " + id, null));
    }

    /** 404 for a day without a check-in. */
    static ApiException checkInNotFound(LocalDate day) {
        return new ApiException(404, new ApiError("check-in not found", "no check-in on " + day, null));
    }

    /** 404 for a day that is not marked as a rest day. */
    static ApiException restDayNotFound(LocalDate day) {
        return new ApiException(404, new ApiError("rest day not found", day + " is not marked as a rest day", null));
    }

    /** 422 for a request body whose fields are invalid. */
    static ApiException invalidBody(Map<String, String> fields) {
        return new ApiException(UNPROCESSABLE_ENTITY, new ApiError("validation failed", summary(fields), fields));
    }

    /** 422 for a request without the JSON body it needs. */
    static ApiException missingBody() {
        return new ApiException(UNPROCESSABLE_ENTITY,
                new ApiError("validation failed", "the request needs a JSON body with the habit's fields", null));
    }

    /** 400 for query or path parameters that cannot be understood. */
    static ApiException invalidQuery(Map<String, String> fields) {
        return new ApiException(400, new ApiError("invalid query parameter", summary(fields), fields));
    }

    /** 400 for a date in the path that is not one, e.g. {@code /check-ins/yesterday}. */
    static ApiException invalidPathDate() {
        Map<String, String> fields = Map.of("date", Dates.MESSAGE);
        return new ApiException(400, new ApiError("invalid path parameter", summary(fields), fields));
    }

    public ApiError error() {
        return error;
    }

    private static String summary(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
    }
}

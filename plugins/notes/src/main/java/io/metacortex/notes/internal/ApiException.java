package io.metacortex.notes.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;

/** A client error carrying its {@link ApiError} response; thrown anywhere below the resource. */
public final class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;
    private static final int UNPROCESSABLE_ENTITY = 422;
    private static final int MAX_ECHOED_ID = 40;

    private final transient ApiError error;

    private ApiException(int status, ApiError error) {
        super(error.error() + (error.detail() == null ? "" : ": " + error.detail()),
                Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build());
        this.error = error;
    }

    /** 404 for an id that names no note of the caller (including ids that are not numbers). */
    static ApiException noteNotFound(String id) {
        return new ApiException(404, new ApiError("note not found", "no note with id " + echo(id), null));
    }

    /** 404 for a version number the note does not have. */
    static ApiException versionNotFound(long noteId, String number) {
        return new ApiException(404, new ApiError("version not found",
                "note " + noteId + " has no version " + echo(number), null));
    }

    /** 409 for a title another note of the same user already has (titles are unique whatever their case). */
    static ApiException titleTaken(String title, long otherNoteId) {
        String message = "another note (id " + otherNoteId + ") is already titled \"" + title
                + "\"; titles are unique, ignoring case, because wiki links find notes by title";
        return new ApiException(409, new ApiError("title already used", message, Map.of("title", message)));
    }

    /** 422 for a request body whose fields are invalid. */
    static ApiException invalidBody(Map<String, String> fields) {
        return new ApiException(UNPROCESSABLE_ENTITY, new ApiError("validation failed", summary(fields), fields));
    }

    /** 422 for a request without the JSON body it needs. */
    static ApiException missingBody() {
        return new ApiException(UNPROCESSABLE_ENTITY,
                new ApiError("validation failed", "the request needs a JSON body with the note's fields", null));
    }

    /** 400 for query parameters that cannot be understood. */
    static ApiException invalidQuery(Map<String, String> fields) {
        return new ApiException(400, new ApiError("invalid query parameter", summary(fields), fields));
    }

    public ApiError error() {
        return error;
    }

    private static String echo(String id) {
        return id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id;
    }

    private static String summary(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
    }
}

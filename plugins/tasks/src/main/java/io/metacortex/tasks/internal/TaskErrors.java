package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.util.Map;

/** The tasks plugin's own client errors; the shared ones (validation, query, missing body) are on ApiException. */
final class TaskErrors {

    private TaskErrors() {}

    /** 404 for an id that names no task (including ids that are not numbers). */
    static ApiException taskNotFound(String id) {
        return ApiException.notFound("task not found", "no task with id " + id);
    }

    /** 404 for an id that names no project of the caller. */
    static ApiException projectNotFound(String id) {
        return ApiException.notFound("project not found", "no project with id " + id);
    }

    /** 404 for an id that names no tag of the caller. */
    static ApiException tagNotFound(String id) {
        return ApiException.notFound("tag not found", "no tag with id " + id);
    }

    /** 403 for an action on a task the caller may see but not do this to (e.g. an assignee editing it). */
    static ApiException forbidden(String detail) {
        return new ApiException(403, new ApiError("not allowed", detail, null));
    }

    /** 409 for a request that clashes with what is stored, naming the field. */
    static ApiException conflict(String error, String field, String message) {
        return new ApiException(409, new ApiError(error, field + " " + message, Map.of(field, message)));
    }
}

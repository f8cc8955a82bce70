package io.metacortex.calendar.internal.remote;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.util.Map;

/** The errors of the account routes. */
final class RemoteErrors {

    private RemoteErrors() {}

    static ApiException accountNotFound(String id) {
        return ApiException.notFound("account not found", "no CalDAV account with id " + echo(id));
    }

    static ApiException linkNotFound(String id) {
        return ApiException.notFound("link not found", "this account has no link with id " + echo(id));
    }

    static ApiException credentialsRefused(String detail) {
        String message = "the CalDAV server refused this username and password";
        return new ApiException(
                ApiException.UNPROCESSABLE_ENTITY,
                new ApiError("invalid account credentials", detail, Map.of("username", message, "password", message)));
    }

    static ApiException unusableUrl(String detail) {
        return new ApiException(
                ApiException.UNPROCESSABLE_ENTITY,
                new ApiError("unusable CalDAV account", detail, Map.of("url", detail)));
    }

    static ApiException remoteFailed(String detail) {
        return new ApiException(502, new ApiError("CalDAV server failed", detail, Map.of()));
    }

    static ApiException syncRunning() {
        return new ApiException(
                409, new ApiError("sync running", "this account is being synced: try again when it is done", Map.of()));
    }

    static ApiException alreadyLinked(String what) {
        return new ApiException(409, new ApiError("already linked", what, Map.of()));
    }

    private static String echo(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}

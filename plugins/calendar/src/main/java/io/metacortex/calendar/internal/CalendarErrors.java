package io.metacortex.calendar.internal;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.util.Map;

/** The calendar plugin's own client errors; the shared ones (validation, query, missing body) are on ApiException. */
final class CalendarErrors {

    private static final int MAX_ECHOED = 60;

    private CalendarErrors() {}

    static ApiException calendarNotFound(String id) {
        return ApiException.notFound("calendar not found", "no calendar with id " + echo(id));
    }

    static ApiException eventNotFound(String uid) {
        return ApiException.notFound("event not found", "no event with uid " + echo(uid) + " in this calendar");
    }

    static ApiException instanceNotFound(String uid, String recurrenceId) {
        return ApiException.notFound(
                "instance not found", "event " + echo(uid) + " has no instance " + echo(recurrenceId));
    }

    static ApiException notRecurring(String uid) {
        String message = "event " + echo(uid) + " does not recur: edit or delete the event itself";
        return new ApiException(409, new ApiError("event does not recur", message, Map.of()));
    }

    static ApiException uidTaken(String uid) {
        String message = "this calendar already has an event with uid " + echo(uid) + ": PUT it to replace it";
        return new ApiException(409, new ApiError("uid already used", message, Map.of("uid", message)));
    }

    static ApiException readOnly(long calendarId) {
        String message = "calendar " + calendarId + " is filled by a feed subscription and is read-only: its events"
                + " change only when the feed does (PATCH or DELETE the subscription instead)";
        return new ApiException(409, new ApiError("calendar is read-only", message, Map.of()));
    }

    static ApiException preconditionFailed(String uid, String header) {
        String message = header.equals("If-Match")
                ? "event " + echo(uid) + " is not at the version If-Match names (it changed or is gone): read it again"
                : "event " + echo(uid) + " exists (If-None-Match)";
        return new ApiException(412, new ApiError("precondition failed", message, Map.of(header, message)));
    }

    static ApiException invalidIcs(String detail) {
        return new ApiException(
                ApiException.UNPROCESSABLE_ENTITY, new ApiError("invalid iCalendar", detail, Map.of("body", detail)));
    }

    static String echo(String value) {
        return value.length() > MAX_ECHOED ? value.substring(0, MAX_ECHOED) + "..." : value;
    }
}

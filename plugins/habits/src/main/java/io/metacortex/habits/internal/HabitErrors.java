package io.metacortex.habits.internal;

import io.metacortex.plugin.support.ApiException;
import java.time.LocalDate;
import java.util.Map;

/** The habits plugin's own client errors; the shared ones (validation, query, missing body) are on ApiException. */
final class HabitErrors {

    private HabitErrors() {}

    /** 404 for an id that names no habit of the caller (including ids that are not numbers). */
    static ApiException habitNotFound(String id) {
        return ApiException.notFound("habit not found", "no habit with id " + id);
    }

    /** 404 for a day without a check-in. */
    static ApiException checkInNotFound(LocalDate day) {
        return ApiException.notFound("check-in not found", "no check-in on " + day);
    }

    /** 404 for a day that is not marked as a rest day. */
    static ApiException restDayNotFound(LocalDate day) {
        return ApiException.notFound("rest day not found", day + " is not marked as a rest day");
    }

    /** 400 for a date in the path that is not one, e.g. {@code /check-ins/yesterday}. */
    static ApiException invalidPathDate() {
        return ApiException.withFields(400, "invalid path parameter", Map.of("date", Dates.MESSAGE));
    }
}

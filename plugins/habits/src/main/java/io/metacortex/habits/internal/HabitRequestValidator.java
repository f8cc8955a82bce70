package io.metacortex.habits.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.EnumValues;
import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Set;

/**
 * Turns a {@link HabitRequest} into a {@link HabitDraft}, or fails with a 422 naming every invalid field. Whether
 * the linked task exists is the {@link HabitService}'s question (it needs the tasks plugin).
 */
final class HabitRequestValidator {

    static final int MAX_NAME = 100;
    static final int MAX_UNIT = 30;

    private HabitRequestValidator() {}

    /**
     * @param request the body as sent; null when the client sent none
     * @return the normalised draft: name and unit trimmed, target without trailing zeros, absent kind YES_NO,
     *     absent days every day, absent archived false
     * @throws ApiException 422 when a field is invalid
     */
    static HabitDraft validate(HabitRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the habit's fields");
        }
        FieldErrors errors = new FieldErrors();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            errors.add("name", "must not be blank");
        } else if (length(name) > MAX_NAME) {
            errors.add("name", "must be at most " + MAX_NAME + " characters");
        }
        Kind kind = request.kind() == null
                ? Kind.YES_NO
                : EnumValues.parse(Kind.class, request.kind()).orElse(null);
        if (kind == null) {
            errors.add("kind", EnumValues.mustBeOneOf(Kind.class));
        }
        BigDecimal target = null;
        String unit = request.unit() == null ? null : request.unit().strip();
        if (kind == Kind.MEASURABLE) {
            target = request.target() == null
                    ? null
                    : Amounts.normalise(request.target())
                            .filter(t -> t.signum() > 0)
                            .orElse(null);
            if (request.target() == null) {
                errors.add("target", "is required for a MEASURABLE habit");
            } else if (target == null) {
                errors.add("target", Amounts.message("0.001"));
            }
            if (unit == null || unit.isEmpty()) {
                errors.add("unit", "is required for a MEASURABLE habit");
            } else if (length(unit) > MAX_UNIT) {
                errors.add("unit", "must be at most " + MAX_UNIT + " characters");
            }
        } else if (kind == Kind.YES_NO) {
            if (request.target() != null) {
                errors.add("target", "must be absent for a YES_NO habit");
            }
            if (request.unit() != null) {
                errors.add("unit", "must be absent for a YES_NO habit");
            }
            unit = null;
        }
        Set<DayOfWeek> days = null;
        try {
            days = Weekdays.parse(request.days());
        } catch (IllegalArgumentException e) {
            errors.add("days", e.getMessage());
        }
        if (request.taskId() != null && request.taskId() <= 0) {
            errors.add("taskId", "no task with id " + request.taskId());
        }
        errors.throwIfAny(ApiException::invalidBody);
        return new HabitDraft(
                name, kind, target, unit, days, request.taskId(), Boolean.TRUE.equals(request.archived()));
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

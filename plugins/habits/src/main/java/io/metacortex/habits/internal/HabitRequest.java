package io.metacortex.habits.internal;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /api/habits} and {@code PUT /api/habits/{id}}: every editable field, as sent. The kind
 * arrives as text so that an unknown kind becomes a 422 naming its field ({@link HabitRequestValidator}); the target
 * is a JSON number (the host answers any other JSON type with a 422 naming the field).
 */
public record HabitRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = HabitRequestValidator.MAX_NAME)
        String name,

        @Schema(implementation = Kind.class, description = "YES_NO when absent")
        String kind,

        @Schema(description = "MEASURABLE: the amount a day must reach (required); YES_NO: absent")
        BigDecimal target,

        @Schema(maxLength = HabitRequestValidator.MAX_UNIT, description = "MEASURABLE: required; YES_NO: absent")
        String unit,

        @ArraySchema(
                schema = @Schema(allowableValues = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}),
                arraySchema = @Schema(description = "The scheduled weekdays; every day when absent or empty"))
        List<String> days,

        Long taskId,
        Boolean archived) {}

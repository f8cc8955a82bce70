package io.metacortex.habits.internal;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /api/habits} and {@code PUT /api/habits/{id}}: every editable field, as sent. The kind and
 * the target arrive as text (a JSON number is read as its text) so that a bad value becomes a 422 naming its field
 * ({@link HabitRequestValidator}) instead of a generic JSON parse error.
 */
public record HabitRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = HabitRequestValidator.MAX_NAME) String name,
        @Schema(implementation = Kind.class, description = "YES_NO when absent") String kind,
        @Schema(type = "number", description = "MEASURABLE: the amount a day must reach (required); YES_NO: absent")
        String target,
        @Schema(maxLength = HabitRequestValidator.MAX_UNIT, description = "MEASURABLE: required; YES_NO: absent")
        String unit,
        @ArraySchema(schema = @Schema(allowableValues = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}),
                arraySchema = @Schema(description = "The scheduled weekdays; every day when absent or empty"))
        List<String> days,
        Long taskId,
        Boolean archived) {
}

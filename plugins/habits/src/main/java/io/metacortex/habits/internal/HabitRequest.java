package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /api/habits} and {@code PUT /api/habits/{id}}: every editable field, as sent. The kind
 * arrives as text so that an unknown kind becomes a 422 naming its field ({@link HabitRequestValidator}); the target
 * is a JSON number (the host answers any other JSON type with a 422 naming the field).
 */
public record HabitRequest(
        String name,
        String kind,
        BigDecimal target,
        String unit,
        List<String> days,
        Long taskId,
        Boolean archived) {
}

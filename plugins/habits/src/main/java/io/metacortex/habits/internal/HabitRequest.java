package io.metacortex.habits.internal;

import java.util.List;

/**
 * The body of {@code POST /api/habits} and {@code PUT /api/habits/{id}}: every editable field, as sent. The kind and
 * the target arrive as text (a JSON number is read as its text) so that a bad value becomes a 422 naming its field
 * ({@link HabitRequestValidator}) instead of a generic JSON parse error.
 */
public record HabitRequest(
        String name,
        String kind,
        String target,
        String unit,
        List<String> days,
        Long taskId,
        Boolean archived) {
}

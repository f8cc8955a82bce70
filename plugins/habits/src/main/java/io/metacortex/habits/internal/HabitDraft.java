package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Set;

/**
 * The editable fields of a habit once validated and normalised; what gets written to the database.
 *
 * @param target null unless MEASURABLE
 * @param unit null unless MEASURABLE
 * @param days empty for every day
 */
record HabitDraft(
        String name, Kind kind, BigDecimal target, String unit, Set<DayOfWeek> days, Long taskId, boolean archived) {}

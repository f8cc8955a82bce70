package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A stored habit, as the API returns it.
 *
 * @param target MEASURABLE: the amount that makes a day done; null for YES_NO
 * @param unit MEASURABLE: what the amount counts, e.g. {@code glasses}; null for YES_NO
 * @param days the weekdays it is scheduled on, in week order ({@code MO}..{@code SU}); empty for every day
 * @param taskId the linked task of the tasks plugin, whose completion checks the habit in; or null
 * @param timeZone the owner's time zone at the last write of the habit or of a check-in through the API; the task
 *     completion listener takes "today" in it
 */
public record Habit(
        long id,
        String name,
        Kind kind,
        BigDecimal target,
        String unit,
        List<String> days,
        Long taskId,
        boolean archived,
        String timeZone,
        Instant createdAt,
        Instant updatedAt) {

    /** @return the weekdays it is scheduled on; empty for every day */
    Set<DayOfWeek> schedule() {
        return Weekdays.parse(days);
    }

    /**
     * A day with a check-in is done when the habit is YES_NO, or when the check-in's value reaches the target. A
     * check-in without a value (written while the habit was YES_NO) counts as done.
     */
    boolean doneBy(CheckIn checkIn) {
        return kind == Kind.YES_NO || checkIn.value() == null || checkIn.value().compareTo(target) >= 0;
    }
}

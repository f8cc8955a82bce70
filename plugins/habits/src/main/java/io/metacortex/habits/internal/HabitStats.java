package io.metacortex.habits.internal;

import java.time.LocalDate;

/**
 * The answer of {@code GET /api/habits/{id}/stats}.
 *
 * @param from the first day of the range asked for (default: 29 days before today)
 * @param to the last day of the range asked for (default: today)
 * @param today the caller's local day, in their time zone
 * @param currentStreak done scheduled days in a row up to today (today still open does not break it), over the
 *     whole history, not only the range
 * @param longestStreak the longest such run of the whole history
 * @param completionRate {@code doneDays / scheduledDays} in the range, 0 to 1 (rounded to 4 decimals); 0 when no
 *     day was scheduled
 * @param scheduledDays the range's scheduled days that are over (rest days, days before the habit's history and
 *     after today left out; today counts once it is done)
 * @param doneDays of those, the ones done
 * @param restDays the range's rest days (unscheduled weekdays and marked days) within the history
 */
public record HabitStats(
        LocalDate from,
        LocalDate to,
        LocalDate today,
        int currentStreak,
        int longestStreak,
        double completionRate,
        int scheduledDays,
        int doneDays,
        int restDays) {}

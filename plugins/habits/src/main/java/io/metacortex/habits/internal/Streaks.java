package io.metacortex.habits.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * The streak and completion arithmetic of one habit over its history, from {@code firstDay} to {@code today} (local
 * days). Pure: it is given the schedule, the explicit rest days and the done days, and reads nothing else.
 *
 * <p>The rules:
 * <ul>
 *   <li>A day is a <em>rest day</em> when its weekday is not scheduled or the user marked it; every other day in
 *       the history is a <em>scheduled day</em>. Rest days are skipped: they never break a streak, never extend one,
 *       and do not count in the completion rate, even when there is a check-in on them.</li>
 *   <li>A scheduled day is <em>done</em> when it is among the done days; otherwise it is missed, except today, which
 *       is still open until it ends: today not done yet neither breaks a streak nor counts in the rate.</li>
 *   <li>A streak is a run of consecutive done scheduled days. The current streak is the run that ends today (or at
 *       the last scheduled day before today, when today is open); the longest is the longest run of the history.</li>
 *   <li>Days before {@code firstDay} and after {@code today} are outside the history: neither scheduled nor
 *       missed.</li>
 * </ul>
 */
final class Streaks {

    private final Set<DayOfWeek> schedule;
    private final Set<LocalDate> restDays;
    private final Set<LocalDate> doneDays;
    private final LocalDate firstDay;
    private final LocalDate today;

    /**
     * @param schedule the scheduled weekdays; empty for every day
     * @param restDays the days the user marked as rest days
     * @param doneDays the days with a check-in that makes them done
     * @param firstDay the first day of the history (e.g. the day the habit was created)
     * @param today the user's local day now
     */
    Streaks(
            Set<DayOfWeek> schedule,
            Set<LocalDate> restDays,
            Set<LocalDate> doneDays,
            LocalDate firstDay,
            LocalDate today) {
        this.schedule = Set.copyOf(schedule);
        this.restDays = Set.copyOf(restDays);
        this.doneDays = Set.copyOf(doneDays);
        this.firstDay = Objects.requireNonNull(firstDay);
        this.today = Objects.requireNonNull(today);
    }

    /** @return whether {@code day} is a rest day: an unscheduled weekday or one the user marked */
    boolean isRestDay(LocalDate day) {
        return !Weekdays.isScheduled(schedule, day.getDayOfWeek()) || restDays.contains(day);
    }

    /** @return the number of done scheduled days in the run that reaches today */
    int current() {
        int streak = 0;
        for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
            if (isRestDay(day)) {
                continue;
            }
            if (doneDays.contains(day)) {
                streak++;
            } else if (!day.equals(today)) {
                break;
            }
        }
        return streak;
    }

    /** @return the number of done scheduled days in the longest run of the history */
    int longest() {
        int longest = 0;
        int run = 0;
        for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
            if (isRestDay(day)) {
                continue;
            }
            if (doneDays.contains(day)) {
                run++;
                longest = Math.max(longest, run);
            } else if (!day.equals(today)) {
                run = 0;
            }
        }
        return longest;
    }

    /**
     * @return the scheduled, done and rest days from {@code from} to {@code to} (inclusive) that lie in the
     *     history; today counts as scheduled only once it is done
     */
    Completion completion(LocalDate from, LocalDate to) {
        LocalDate start = from.isBefore(firstDay) ? firstDay : from;
        LocalDate end = to.isAfter(today) ? today : to;
        int scheduled = 0;
        int done = 0;
        int rest = 0;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            if (isRestDay(day)) {
                rest++;
                continue;
            }
            boolean isDone = doneDays.contains(day);
            if (isDone || !day.equals(today)) {
                scheduled++;
            }
            if (isDone) {
                done++;
            }
        }
        return new Completion(scheduled, done, rest);
    }

    /**
     * The completion of a range.
     *
     * @param scheduledDays scheduled days that are over (or done)
     * @param doneDays of those, the done ones
     * @param restDays unscheduled weekdays and marked rest days
     */
    record Completion(int scheduledDays, int doneDays, int restDays) {

        /** @return done / scheduled, from 0 to 1; 0 when no day was scheduled */
        double rate() {
            return scheduledDays == 0 ? 0 : (double) doneDays / scheduledDays;
        }
    }
}

package io.metacortex.habits.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The stats of a habit, computed from its check-ins and rest days in the database by {@link Streaks}. The history
 * starts on the habit's creation day (in the caller's time zone) or its first check-in, whichever is earlier, and
 * ends today.
 */
public final class StatsService {

    private static final double RATE_PRECISION = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;

    /** @param clock the source of "now" (fixed in tests) */
    public StatsService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @param from the first day of the completion range as sent, or null for 29 days before today
     * @param to its last day as sent, or null for today
     * @throws ApiException 400 for a bad range ({@link DateRange}); 404 when the owner has no such habit
     */
    HabitStats stats(UUID owner, ZoneId zone, long habitId, String from, String to) {
        LocalDate today = Dates.today(clock, zone);
        DateRange range = DateRange.parse(from, to, today);
        return jdbi.inTransaction(handle -> {
            Habit habit = CheckInService.requireHabit(handle, owner, habitId);
            CheckInDao checkIns = new CheckInDao(handle, owner);
            LocalDate created = habit.createdAt().atZone(zone).toLocalDate();
            LocalDate firstDay =
                    checkIns.firstDay(habitId).filter(d -> d.isBefore(created)).orElse(created);
            Set<LocalDate> done = new HashSet<>();
            for (CheckInDao.Row row : checkIns.list(habitId, firstDay, today)) {
                if (row.toCheckIn(habit).done()) {
                    done.add(row.day());
                }
            }
            List<LocalDate> rest = new RestDayDao(handle, owner).list(habitId, firstDay, today);
            Streaks streaks = new Streaks(habit.schedule(), Set.copyOf(rest), done, firstDay, today);
            Streaks.Completion completion = streaks.completion(range.from(), range.to());
            return new HabitStats(
                    range.from(),
                    range.to(),
                    today,
                    streaks.current(),
                    streaks.longest(),
                    Math.round(completion.rate() * RATE_PRECISION) / RATE_PRECISION,
                    completion.scheduledDays(),
                    completion.doneDays(),
                    completion.restDays());
        });
    }
}

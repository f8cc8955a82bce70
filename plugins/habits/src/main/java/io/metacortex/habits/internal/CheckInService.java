package io.metacortex.habits.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Check-ins and rest days of one owner's habit, each operation in one transaction, with the rules of the calendar:
 * every day is the owner's local day in their time zone; check-ins can be written and undone from
 * {@value #RETRO_DAYS} days back to today, rest days from {@value #RETRO_DAYS} days back to {@value #AHEAD_DAYS}
 * days ahead. Another user's habit answers 404 like a missing one.
 */
public final class CheckInService {

    /** How many days back check-ins and rest days can still be changed. */
    static final int RETRO_DAYS = 7;
    /** How many days ahead rest days can be planned. */
    static final int AHEAD_DAYS = 365;

    private final Jdbi jdbi;
    private final Clock clock;

    /** @param clock the source of "now" (fixed in tests) */
    public CheckInService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A check-in as written.
     *
     * @param created whether the day had no check-in before (false: its value was replaced)
     */
    record Saved(CheckIn checkIn, boolean created) {}

    /**
     * Checks the habit in on the request's day (default today), replacing the value of that day's earlier check-in;
     * keeps {@code zone} as the habit's time zone.
     *
     * @param request the body, or null for "done today"
     * @throws ApiException 404 when the owner has no such habit; 422 naming {@code date} outside the window or
     *     {@code value} when it is not a valid amount (or present for a YES_NO habit)
     */
    Saved checkIn(UUID owner, ZoneId zone, long habitId, CheckInRequest request) {
        CheckInRequest body = request == null ? new CheckInRequest(null, null) : request;
        LocalDate today = Dates.today(clock, zone);
        return jdbi.inTransaction(handle -> {
            Habit habit = requireHabit(handle, owner, habitId);
            FieldErrors errors = new FieldErrors();
            LocalDate day = today;
            if (body.date() != null) {
                day = Dates.parse(body.date()).orElse(null);
                if (day == null) {
                    errors.add("date", Dates.MESSAGE);
                } else if (day.isBefore(today.minusDays(RETRO_DAYS)) || day.isAfter(today)) {
                    errors.add("date", checkInWindow(today, zone));
                }
            }
            BigDecimal value = value(habit, body.value(), errors);
            errors.throwIfAny(ApiException::invalidBody);
            new HabitDao(handle, owner).rememberTimeZone(habitId, zone);
            CheckInDao.Row row = new CheckInDao(handle, owner).put(habitId, day, value, clock.instant());
            return new Saved(row.toCheckIn(habit), row.created());
        });
    }

    /**
     * Deletes the check-in of {@code day}.
     *
     * @throws ApiException 404 when the owner has no such habit or the day no check-in; 422 naming {@code date}
     *     when the day is outside the window in which check-ins can be changed
     */
    void undo(UUID owner, ZoneId zone, long habitId, LocalDate day) {
        LocalDate today = Dates.today(clock, zone);
        jdbi.useTransaction(handle -> {
            requireHabit(handle, owner, habitId);
            if (day.isBefore(today.minusDays(RETRO_DAYS)) || day.isAfter(today)) {
                throw ApiException.invalidBody(Map.of("date", checkInWindow(today, zone)));
            }
            if (!new CheckInDao(handle, owner).delete(habitId, day)) {
                throw HabitErrors.checkInNotFound(day);
            }
        });
    }

    /**
     * @param from the first day as sent, or null for 29 days before today
     * @param to the last day as sent, or null for today
     * @throws ApiException 400 for a bad range ({@link DateRange}); 404 when the owner has no such habit
     */
    List<CheckIn> list(UUID owner, ZoneId zone, long habitId, String from, String to) {
        DateRange range = DateRange.parse(from, to, Dates.today(clock, zone));
        return jdbi.inTransaction(handle -> {
            Habit habit = requireHabit(handle, owner, habitId);
            return new CheckInDao(handle, owner)
                    .list(habitId, range.from(), range.to()).stream()
                            .map(row -> row.toCheckIn(habit))
                            .toList();
        });
    }

    /**
     * Marks {@code day} as a rest day of the habit (again: no change). @return whether it was not marked before
     *
     * @throws ApiException 404 when the owner has no such habit; 422 naming {@code date} outside the window
     */
    boolean markRestDay(UUID owner, ZoneId zone, long habitId, LocalDate day) {
        LocalDate today = Dates.today(clock, zone);
        return jdbi.inTransaction(handle -> {
            requireHabit(handle, owner, habitId);
            requireRestDayWindow(day, today, zone);
            return new RestDayDao(handle, owner).mark(habitId, day, clock.instant());
        });
    }

    /**
     * Makes {@code day} an ordinary day again.
     *
     * @throws ApiException 404 when the owner has no such habit or the day is not marked; 422 naming {@code date}
     *     outside the window
     */
    void unmarkRestDay(UUID owner, ZoneId zone, long habitId, LocalDate day) {
        LocalDate today = Dates.today(clock, zone);
        jdbi.useTransaction(handle -> {
            requireHabit(handle, owner, habitId);
            requireRestDayWindow(day, today, zone);
            if (!new RestDayDao(handle, owner).unmark(habitId, day)) {
                throw HabitErrors.restDayNotFound(day);
            }
        });
    }

    /**
     * @param from the first day as sent, or null for 29 days before today
     * @param to the last day as sent, or null for today
     * @throws ApiException 400 for a bad range ({@link DateRange}); 404 when the owner has no such habit
     */
    List<LocalDate> restDays(UUID owner, ZoneId zone, long habitId, String from, String to) {
        DateRange range = DateRange.parse(from, to, Dates.today(clock, zone));
        return jdbi.inTransaction(handle -> {
            requireHabit(handle, owner, habitId);
            return new RestDayDao(handle, owner).list(habitId, range.from(), range.to());
        });
    }

    /**
     * Checks in, for a completed task, every active habit of {@code owner} linked to one of {@code taskIds}: on today
     * in the time zone stored with each habit, YES_NO as done and MEASURABLE with its target (an existing check-in
     * of the day keeps a greater value). Called by the task completion listener, in the completing request.
     *
     * @return the habits checked in
     */
    public List<Long> checkInLinkedHabits(UUID owner, Collection<Long> taskIds) {
        return jdbi.inTransaction(handle -> checkInLinkedHabits(handle, owner, taskIds));
    }

    /** {@link #checkInLinkedHabits(UUID, Collection)} in the transaction of {@code handle}. */
    public List<Long> checkInLinkedHabits(Handle handle, UUID owner, Collection<Long> taskIds) {
        CheckInDao checkIns = new CheckInDao(handle, owner);
        List<Habit> linked = new HabitDao(handle, owner).activeLinkedTo(taskIds);
        for (Habit habit : linked) {
            LocalDate today = Dates.today(clock, zoneOf(habit));
            checkIns.putAtLeast(habit.id(), today, habit.target(), clock.instant());
        }
        return linked.stream().map(Habit::id).toList();
    }

    static Habit requireHabit(Handle handle, UUID owner, long habitId) {
        return new HabitDao(handle, owner)
                .find(habitId)
                .orElseThrow(() -> HabitErrors.habitNotFound(Long.toString(habitId)));
    }

    private static BigDecimal value(Habit habit, BigDecimal sent, FieldErrors errors) {
        if (habit.kind() == Kind.YES_NO) {
            if (sent != null) {
                errors.add("value", "must be absent for a YES_NO habit");
            }
            return null;
        }
        if (sent == null) {
            return habit.target();
        }
        BigDecimal value = Amounts.normalise(sent).orElse(null);
        if (value == null) {
            errors.add("value", Amounts.message("0"));
        }
        return value;
    }

    private static void requireRestDayWindow(LocalDate day, LocalDate today, ZoneId zone) {
        if (day.isBefore(today.minusDays(RETRO_DAYS)) || day.isAfter(today.plusDays(AHEAD_DAYS))) {
            throw ApiException.invalidBody(Map.of(
                    "date",
                    "must be a day from " + today.minusDays(RETRO_DAYS)
                            + " to " + today.plusDays(AHEAD_DAYS) + ": up to " + RETRO_DAYS + " days before today ("
                            + today + " in " + zone.getId() + ") and up to " + AHEAD_DAYS + " days after"));
        }
    }

    private static String checkInWindow(LocalDate today, ZoneId zone) {
        return "must be a day from " + today.minusDays(RETRO_DAYS) + " to " + today + ": today (" + today + " in "
                + zone.getId() + ") or up to " + RETRO_DAYS + " days before";
    }

    /** The stored zone; UTC should it ever not be one this JVM knows (zone rules can be withdrawn). */
    private static ZoneId zoneOf(Habit habit) {
        try {
            return ZoneId.of(habit.timeZone());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}

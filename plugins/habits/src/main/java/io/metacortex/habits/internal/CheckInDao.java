package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for one owner's rows of the {@code check_ins} table, on one handle; filters by owner like {@link HabitDao}. */
final class CheckInDao {

    private static final String COLUMNS = "day, value, created_at, updated_at";

    private final Handle handle;
    private final UUID owner;

    CheckInDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    /**
     * A check-in as stored, before it is judged against its habit.
     *
     * @param value null for a check-in without a value (YES_NO)
     * @param created whether the statement that returned it inserted it (rather than replaced its value)
     */
    record Row(LocalDate day, BigDecimal value, Instant createdAt, Instant updatedAt, boolean created) {

        CheckIn toCheckIn(Habit habit) {
            CheckIn undecided = new CheckIn(day, value, false, createdAt, updatedAt);
            return new CheckIn(day, value, habit.doneBy(undecided), createdAt, updatedAt);
        }
    }

    /**
     * Checks the habit in on {@code day}, replacing the value of an earlier check-in of that day. The habit must be
     * the owner's (the foreign key refuses another owner's habit).
     */
    Row put(long habitId, LocalDate day, BigDecimal value, Instant now) {
        return handle.createQuery("""
                INSERT INTO check_ins (owner_id, habit_id, day, value, created_at, updated_at)
                VALUES (:owner, :habit, :day, :value, :now, :now)
                ON CONFLICT (owner_id, habit_id, day)
                DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
                RETURNING\s""" + COLUMNS + ", xmax = 0 AS created")
                .bind("owner", owner)
                .bind("habit", habitId)
                .bind("day", day)
                .bind("value", value)
                .bind("now", now)
                .map(CheckInDao::map)
                .one();
    }

    /**
     * Checks the habit in on {@code day} for a completed task: a day without a check-in gets one with
     * {@code value}; an existing check-in keeps its value unless {@code value} is greater (a completion never
     * lowers what the user entered).
     */
    void putAtLeast(long habitId, LocalDate day, BigDecimal value, Instant now) {
        handle.createUpdate("""
                INSERT INTO check_ins (owner_id, habit_id, day, value, created_at, updated_at)
                VALUES (:owner, :habit, :day, :value, :now, :now)
                ON CONFLICT (owner_id, habit_id, day)
                DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
                        WHERE check_ins.value < EXCLUDED.value""")
                .bind("owner", owner)
                .bind("habit", habitId)
                .bind("day", day)
                .bind("value", value)
                .bind("now", now)
                .execute();
    }

    /** @return whether there was a check-in to delete */
    boolean delete(long habitId, LocalDate day) {
        return handle.createUpdate("DELETE FROM check_ins WHERE owner_id = :owner AND habit_id = :habit AND day = :day")
                        .bind("owner", owner)
                        .bind("habit", habitId)
                        .bind("day", day)
                        .execute()
                > 0;
    }

    /** @return the habit's check-ins from {@code from} to {@code to} (inclusive), in day order */
    List<Row> list(long habitId, LocalDate from, LocalDate to) {
        return handle.createQuery("SELECT " + COLUMNS + ", false AS created FROM check_ins"
                        + " WHERE owner_id = :owner AND habit_id = :habit AND day BETWEEN :from AND :to ORDER BY day")
                .bind("owner", owner)
                .bind("habit", habitId)
                .bind("from", from)
                .bind("to", to)
                .map(CheckInDao::map)
                .list();
    }

    /** @return the day of the habit's first check-in, if it has any */
    Optional<LocalDate> firstDay(long habitId) {
        return handle.createQuery("SELECT min(day) FROM check_ins WHERE owner_id = :owner AND habit_id = :habit")
                .bind("owner", owner)
                .bind("habit", habitId)
                .mapTo(LocalDate.class)
                .findOne();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Row(
                rs.getObject("day", LocalDate.class),
                rs.getBigDecimal("value"),
                HabitDao.instant(rs, "created_at"),
                HabitDao.instant(rs, "updated_at"),
                rs.getBoolean("created"));
    }
}

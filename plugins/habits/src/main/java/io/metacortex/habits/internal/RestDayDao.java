package io.metacortex.habits.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL for one owner's rows of the {@code rest_days} table, on one handle; filters by owner like {@link HabitDao}. */
final class RestDayDao {

    private final Handle handle;
    private final UUID owner;

    RestDayDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    /** Marks {@code day} as a rest day of the (owner's) habit. @return whether it was not marked before */
    boolean mark(long habitId, LocalDate day, Instant now) {
        return handle.createUpdate("""
                INSERT INTO rest_days (owner_id, habit_id, day, created_at) VALUES (:owner, :habit, :day, :now)
                ON CONFLICT (owner_id, habit_id, day) DO NOTHING""")
                        .bind("owner", owner)
                        .bind("habit", habitId)
                        .bind("day", day)
                        .bind("now", now)
                        .execute()
                > 0;
    }

    /** @return whether {@code day} was marked */
    boolean unmark(long habitId, LocalDate day) {
        return handle.createUpdate("DELETE FROM rest_days WHERE owner_id = :owner AND habit_id = :habit AND day = :day")
                        .bind("owner", owner)
                        .bind("habit", habitId)
                        .bind("day", day)
                        .execute()
                > 0;
    }

    /** @return the habit's marked rest days from {@code from} to {@code to} (inclusive), in order */
    List<LocalDate> list(long habitId, LocalDate from, LocalDate to) {
        return handle.createQuery("""
                SELECT day FROM rest_days
                 WHERE owner_id = :owner AND habit_id = :habit AND day BETWEEN :from AND :to ORDER BY day""")
                .bind("owner", owner)
                .bind("habit", habitId)
                .bind("from", from)
                .bind("to", to)
                .mapTo(LocalDate.class)
                .list();
    }
}

package io.metacortex.habits.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.PageCursor;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The habit operations of one owner at a time, each in one transaction. Another user's habit is treated exactly like
 * a missing one, so that its existence is never revealed. A linked task is checked with {@link TaskLinks} when it is
 * set or changed, not when it stays (a habit whose task was deleted can still be renamed).
 */
public final class HabitService {

    private final Jdbi jdbi;
    private final Clock clock;
    private final TaskLinks tasks;

    /** @param clock the source of "now" (fixed in tests) */
    public HabitService(Jdbi jdbi, Clock clock, TaskLinks tasks) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.tasks = Objects.requireNonNull(tasks);
    }

    /**
     * @param zone the owner's time zone now, stored with the habit
     * @throws ApiException 422 when the linked task does not exist for the owner
     */
    Habit create(UUID owner, ZoneId zone, HabitDraft draft) {
        requireTask(owner, draft.taskId());
        return jdbi.inTransaction(handle -> new HabitDao(handle, owner).insert(draft, zone, clock.instant()));
    }

    Optional<Habit> find(UUID owner, long id) {
        return jdbi.withHandle(handle -> new HabitDao(handle, owner).find(id));
    }

    /**
     * Replaces every editable field (and the stored time zone).
     *
     * @throws ApiException 404 when the owner has no such habit; 422 when a newly linked task does not exist
     */
    Habit replace(UUID owner, ZoneId zone, long id, HabitDraft draft) {
        Habit current = find(owner, id).orElseThrow(() -> HabitErrors.habitNotFound(Long.toString(id)));
        if (!Objects.equals(current.taskId(), draft.taskId())) {
            requireTask(owner, draft.taskId());
        }
        return jdbi.inTransaction(handle -> new HabitDao(handle, owner).update(id, draft, zone, clock.instant()))
                .orElseThrow(() -> HabitErrors.habitNotFound(Long.toString(id)));
    }

    /** Deletes the habit with its check-ins and rest days. @return whether the owner had the habit */
    boolean delete(UUID owner, long id) {
        return jdbi.inTransaction(handle -> new HabitDao(handle, owner).delete(id));
    }

    HabitPage list(UUID owner, HabitQuery query) {
        List<Habit> rows =
                jdbi.withHandle(handle -> new HabitDao(handle, owner).list(query.withLimit(query.limit() + 1)));
        if (rows.size() <= query.limit()) {
            return new HabitPage(rows, null);
        }
        List<Habit> items = rows.subList(0, query.limit());
        return new HabitPage(
                List.copyOf(items),
                PageCursor.encode(items.get(items.size() - 1).id()));
    }

    private void requireTask(UUID owner, Long taskId) {
        if (taskId != null && !tasks.mayLink(owner, taskId)) {
            throw ApiException.invalidBody(Map.of("taskId", "no task with id " + taskId));
        }
    }
}

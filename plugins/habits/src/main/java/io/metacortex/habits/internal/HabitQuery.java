package io.metacortex.habits.internal;

import io.metacortex.plugin.support.PageQuery;
import java.util.Set;

/**
 * One page request of {@code GET /api/habits}: filters (all must hold) plus the keyset position.
 *
 * @param archived only archived ({@code true}) or only active ({@code false}) habits; null for both
 * @param kinds any of these; empty for any kind
 * @param afterId only habits with a greater id (0 for the first page)
 * @param limit page size, 1..{@link #MAX_LIMIT}
 */
record HabitQuery(Boolean archived, Set<Kind> kinds, long afterId, int limit) {

    static final int DEFAULT_LIMIT = PageQuery.DEFAULT_LIMIT;
    static final int MAX_LIMIT = PageQuery.MAX_LIMIT;

    /** @return the first page of all habits, {@code limit} at a time */
    static HabitQuery all(int limit) {
        return new HabitQuery(null, Set.of(), 0, limit);
    }

    HabitQuery after(long id) {
        return new HabitQuery(archived, kinds, id, limit);
    }

    HabitQuery withLimit(int rows) {
        return new HabitQuery(archived, kinds, afterId, rows);
    }
}

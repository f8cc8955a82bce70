package io.metacortex.habits.internal;

import java.util.List;

/**
 * A page of the habit list.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record HabitPage(List<Habit> items, String nextCursor) {}

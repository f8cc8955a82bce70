package io.metacortex.tasks.internal;

import java.util.List;

/**
 * A page of the task list.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record TaskPage(List<Task> items, String nextCursor) {}

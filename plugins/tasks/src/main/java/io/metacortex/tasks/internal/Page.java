package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.PageCursor;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A page of a list other than the task list, in the task list's shape.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * @param rows up to {@code request.limit() + 1} rows read after {@code request.afterId()}: one more than a page
     *     tells that there is a next one
     */
    static <T> Page<T> of(List<T> rows, PageRequest request, ToLongFunction<T> id) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, PageCursor.encode(id.applyAsLong(items.get(items.size() - 1))));
    }
}

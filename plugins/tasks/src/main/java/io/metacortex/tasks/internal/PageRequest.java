package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageParameters;

/**
 * The keyset position of a list other than the task list (projects, tags, history, notifications): like the task
 * list, in id order, {@code limit} (1..200, default 50) at a time, continued with the previous page's
 * {@code nextCursor}.
 *
 * @param afterId only rows with a greater id (0 for the first page)
 * @param limit page size
 */
record PageRequest(long afterId, int limit) {

    static PageRequest first(int limit) {
        return new PageRequest(0, limit);
    }

    /** @throws ApiException 400 naming {@code limit} or {@code cursor} when they cannot be understood */
    static PageRequest parse(String limit, String cursor) {
        FieldErrors errors = new FieldErrors();
        int size = PageParameters.limit(limit, TaskQuery.DEFAULT_LIMIT, TaskQuery.MAX_LIMIT, errors);
        long after = PageParameters.afterId(cursor, errors);
        errors.throwIfAny(ApiException::invalidQuery);
        return new PageRequest(after, size);
    }

    PageRequest after(long id) {
        return new PageRequest(id, limit);
    }

    /** @return the same position asking one row more than a page, which tells whether a next page exists */
    PageRequest withExtraRow() {
        return new PageRequest(afterId, limit + 1);
    }
}

package io.metacortex.notes.internal;

import io.metacortex.plugin.support.PageCursor;

/**
 * A list item with the sort key it was ordered by, as the database wrote it, so that the next page's cursor
 * continues exactly where this one ended.
 */
record Keyed<T>(T item, String key, long id) {

    PageCursor cursor(String order) {
        return new PageCursor(order, key, id);
    }
}

package io.metacortex.notes.internal;

import io.metacortex.plugin.support.PageCursor;

/**
 * A page request of the lists that only page: backlinks and versions.
 *
 * @param after the previous page's last item, or null for the first page
 * @param limit page size, 1..{@link NoteQuery#MAX_LIMIT}
 */
record Paging(PageCursor after, int limit) {

    static Paging first(int limit) {
        return new Paging(null, limit);
    }

    Paging withLimit(int rows) {
        return new Paging(after, rows);
    }
}

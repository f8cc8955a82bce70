package io.metacortex.notes.internal;

import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.support.PageQuery;
import java.util.List;

/**
 * One page request of {@code GET /api/notes}: filters (all must hold), the ordering and the keyset position.
 *
 * @param text the search text ({@code q}), or null for a plain list; with it the order is {@link NoteOrder#RELEVANCE}
 * @param tags all of these (normalised); empty for no tag condition
 * @param pinned only pinned ({@code true}) or unpinned ({@code false}) notes; null for both
 * @param archived only archived ({@code true}) or unarchived ({@code false}, the default) notes; null for both
 * @param order the ordering
 * @param after the previous page's last item, or null for the first page
 * @param limit page size, 1..{@link #MAX_LIMIT}
 */
record NoteQuery(
        String text,
        List<String> tags,
        Boolean pinned,
        Boolean archived,
        NoteOrder order,
        PageCursor after,
        int limit) {

    static final int DEFAULT_LIMIT = PageQuery.DEFAULT_LIMIT;
    static final int MAX_LIMIT = PageQuery.MAX_LIMIT;
    static final int MAX_TEXT = 500;

    /** @return the first page of the unarchived notes, last changed first */
    static NoteQuery all(int limit) {
        return new NoteQuery(null, List.of(), null, false, NoteOrder.UPDATED, null, limit);
    }

    NoteQuery withLimit(int rows) {
        return new NoteQuery(text, tags, pinned, archived, order, after, rows);
    }

    NoteQuery after(PageCursor cursor) {
        return new NoteQuery(text, tags, pinned, archived, order, cursor, limit);
    }
}

package io.metacortex.notes.internal;

import java.util.Locale;

/**
 * The orderings of the note lists, each a keyset: a sort key plus the id to break ties. The name is what
 * {@code sort=} takes and what a {@link PageCursor} records.
 */
enum NoteOrder {
    /** Last changed first: the default of {@code GET /api/notes}. */
    UPDATED,
    /** Newest first. */
    CREATED,
    /** A to Z, ignoring case (titles are unique ignoring case); also the order of backlinks. */
    TITLE,
    /** Best search match first ({@code q=} only; not a {@code sort=} value). */
    RELEVANCE;

    static final String SORT_MESSAGE = "must be one of updated, created, title";

    String cursorName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether {@code key} is a sort key this ordering could have written into a cursor */
    boolean acceptsKey(String key) {
        try {
            switch (this) {
                case UPDATED, CREATED -> Long.parseLong(key);
                case RELEVANCE -> {
                    return Float.isFinite(Float.parseFloat(key));
                }
                case TITLE -> {
                    return !key.isEmpty();
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package io.metacortex.notes.internal;

import java.util.List;

/**
 * The editable fields of a note once validated and normalised; what gets written to the database.
 *
 * @param title trimmed, 1..200 characters
 * @param body markdown, never null
 * @param tags normalised: trimmed, lower-case, unique, sorted
 * @param taskIds positive, unique, sorted
 */
record NoteDraft(String title, String body, List<String> tags, List<Long> taskIds, boolean pinned, boolean archived) {

    /** @return whether the versioned content (title, body, tags) differs from the note's */
    boolean changesContentOf(StoredNote note) {
        return !title.equals(note.title()) || !body.equals(note.body()) || !tags.equals(note.tags());
    }

    /** @return whether any field differs from the note's */
    boolean changes(StoredNote note) {
        return changesContentOf(note)
                || !taskIds.equals(note.taskIds())
                || pinned != note.pinned()
                || archived != note.archived();
    }

    /** @return this draft with the content of {@code version} (what a revert saves) */
    NoteDraft withContentOf(NoteVersion version) {
        return new NoteDraft(version.title(), version.body(), version.tags(), taskIds, pinned, archived);
    }
}

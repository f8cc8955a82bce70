package io.metacortex.notes.internal;

import java.time.Instant;
import java.util.List;

/**
 * A note as {@code GET /api/notes/{id}} returns it.
 *
 * @param tags normalised: trimmed, lower-case, unique, sorted
 * @param links the wiki links in the body, in order of first appearance, each resolved now
 * @param taskIds the linked task ids, sorted
 * @param tasks one entry per task id, in the same order, with the task's title and status as the tasks plugin
 *     reports them now
 * @param version the number of the newest version in the note's history
 */
public record Note(
        long id,
        String title,
        String body,
        List<String> tags,
        boolean pinned,
        boolean archived,
        List<NoteLink> links,
        List<Long> taskIds,
        List<LinkedTask> tasks,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    static Note of(StoredNote note, List<NoteLink> links, List<LinkedTask> tasks) {
        return new Note(
                note.id(),
                note.title(),
                note.body(),
                note.tags(),
                note.pinned(),
                note.archived(),
                links,
                note.taskIds(),
                tasks,
                note.version(),
                note.createdAt(),
                note.updatedAt());
    }
}

package io.metacortex.notes.internal;

/**
 * A wiki link of a note, {@code [[title]]} or {@code [[title|shown text]]}, resolved when read.
 *
 * @param title the target as written (trimmed; the first spelling when the body links the same title twice)
 * @param noteId the caller's note with that title, ignoring case, or null while there is none
 */
public record NoteLink(String title, Long noteId) {}

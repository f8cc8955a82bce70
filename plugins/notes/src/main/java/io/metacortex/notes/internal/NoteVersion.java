package io.metacortex.notes.internal;

import java.time.Instant;
import java.util.List;

/**
 * The content of a note as one save left it.
 *
 * @param number 1 for the note's creation, then one more per save that changed title, body or tags
 * @param createdAt when that save happened
 */
public record NoteVersion(int number, String title, String body, List<String> tags, Instant createdAt) {}

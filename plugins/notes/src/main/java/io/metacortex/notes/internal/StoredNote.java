package io.metacortex.notes.internal;

import java.time.Instant;
import java.util.List;

/**
 * A row of the {@code notes} table, before its links and tasks are looked up.
 *
 * @param version the number of the note's newest version
 */
record StoredNote(
        long id,
        String title,
        String body,
        List<String> tags,
        List<Long> taskIds,
        boolean pinned,
        boolean archived,
        int version,
        Instant createdAt,
        Instant updatedAt) {}

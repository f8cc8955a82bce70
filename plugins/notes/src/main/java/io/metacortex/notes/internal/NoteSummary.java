package io.metacortex.notes.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A note in a list (the note list, search results, backlinks): no body, links or task lookups, which
 * {@code GET /api/notes/{id}} has.
 *
 * @param snippet search results only: the best matching passages of the body, HTML-escaped, with the matched words
 *     in {@code <mark>...</mark>}; left out of the JSON elsewhere
 */
public record NoteSummary(
        long id,
        String title,
        List<String> tags,
        boolean pinned,
        boolean archived,
        List<Long> taskIds,
        int version,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String snippet) {}

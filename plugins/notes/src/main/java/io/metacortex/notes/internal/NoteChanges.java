package io.metacortex.notes.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code PATCH /api/notes/{id}} as {@code /openapi.json} shows it: the fields of {@link NoteRequest}, none
 * required (an absent one keeps the note's value). The route reads a {@link NoteRequest}; this type only documents
 * it, and {@code NoteChangesTest} keeps the two alike.
 */
@Schema(description = "The fields to change; absent ones keep their value")
record NoteChanges(
        @Schema(maxLength = NoteRequestValidator.MAX_TITLE) String title,
        @Schema(maxLength = NoteRequestValidator.MAX_BODY) String body,
        List<String> tags,
        List<Long> taskIds,
        Boolean pinned,
        Boolean archived) {}

package io.metacortex.notes.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /api/notes}, {@code PUT} and {@code PATCH /api/notes/{id}}, as sent. For POST and PUT an
 * absent field takes its default (empty body, no tags or tasks, not pinned, not archived); for PATCH it keeps the
 * note's value ({@link #over}).
 */
public record NoteRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = NoteRequestValidator.MAX_TITLE)
        String title,

        @Schema(maxLength = NoteRequestValidator.MAX_BODY, description = "Markdown; [[Title]] links another note")
        String body,

        List<String> tags,
        List<Long> taskIds,
        Boolean pinned,
        Boolean archived) {

    /** @return this request with every absent (null) field taken from {@code current}: what PATCH applies */
    NoteRequest over(StoredNote current) {
        return new NoteRequest(
                title != null ? title : current.title(),
                body != null ? body : current.body(),
                tags != null ? tags : current.tags(),
                taskIds != null ? taskIds : current.taskIds(),
                pinned != null ? pinned : current.pinned(),
                archived != null ? archived : current.archived());
    }
}

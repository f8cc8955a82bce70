package io.metacortex.notes.internal;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.util.Map;

/** The notes plugin's own client errors; the shared ones (validation, query, missing body) are on ApiException. */
final class NoteErrors {

    private static final int MAX_ECHOED_ID = 40;

    private NoteErrors() {}

    /** 404 for an id that names no note of the caller (including ids that are not numbers). */
    static ApiException noteNotFound(String id) {
        return ApiException.notFound("note not found", "no note with id " + echo(id));
    }

    /** 404 for a version number the note does not have. */
    static ApiException versionNotFound(long noteId, String number) {
        return ApiException.notFound("version not found", "note " + noteId + " has no version " + echo(number));
    }

    /** 409 for a title another note of the same user already has (titles are unique whatever their case). */
    static ApiException titleTaken(String title, long otherNoteId) {
        String message = "another note (id " + otherNoteId + ") is already titled \"" + title
                + "\"; titles are unique, ignoring case, because wiki links find notes by title";
        return new ApiException(409, new ApiError("title already used", message, Map.of("title", message)));
    }

    private static String echo(String id) {
        return id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id;
    }
}

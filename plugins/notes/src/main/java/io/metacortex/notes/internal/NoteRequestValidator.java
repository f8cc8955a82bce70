package io.metacortex.notes.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.Tags;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a {@link NoteRequest} into a {@link NoteDraft}, or fails with a 422 naming every invalid field. The rule that
 * needs the database (titles are unique per user) is the {@link NoteService}'s.
 */
final class NoteRequestValidator {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 100_000;
    static final int MAX_TASKS = 50;

    private NoteRequestValidator() {}

    /**
     * @param request the body as sent; null when the client sent none
     * @return the normalised draft; absent fields take their defaults (empty body, no tags or tasks, not pinned or
     *     archived)
     * @throws ApiException 422 when a field is invalid
     */
    static NoteDraft validate(NoteRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the note's fields");
        }
        FieldErrors errors = new FieldErrors();
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty()) {
            errors.add("title", "must not be blank");
        } else if (length(title) > MAX_TITLE) {
            errors.add("title", "must be at most " + MAX_TITLE + " characters");
        } else if (WikiLinks.hasBrackets(title)) {
            errors.add("title", "must not contain [[ or ]] or |, which end a wiki link");
        }
        String body = request.body() == null ? "" : request.body();
        if (length(body) > MAX_BODY) {
            errors.add("body", "must be at most " + MAX_BODY + " characters");
        }
        List<String> tags = null;
        try {
            tags = Tags.normaliseAll(request.tags());
        } catch (IllegalArgumentException e) {
            errors.add("tags", e.getMessage());
        }
        List<Long> taskIds = taskIds(request.taskIds(), errors);
        errors.throwIfAny(ApiException::invalidBody);
        return new NoteDraft(
                title,
                body,
                tags,
                taskIds,
                Boolean.TRUE.equals(request.pinned()),
                Boolean.TRUE.equals(request.archived()));
    }

    private static List<Long> taskIds(List<Long> ids, FieldErrors errors) {
        if (ids == null) {
            return List.of();
        }
        TreeSet<Long> unique = new TreeSet<>();
        for (Long id : ids) {
            if (id == null || id <= 0) {
                errors.add("taskIds", "each task id must be a positive integer");
                return List.of();
            }
            unique.add(id);
        }
        if (unique.size() > MAX_TASKS) {
            errors.add("taskIds", "must hold at most " + MAX_TASKS + " distinct task ids");
        }
        return List.copyOf(unique);
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

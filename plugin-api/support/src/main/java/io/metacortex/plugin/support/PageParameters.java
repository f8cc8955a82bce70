package io.metacortex.plugin.support;

import java.util.OptionalLong;

/**
 * The {@code limit} and {@code cursor} query parameters of a paged list, parsed the same way in every plugin: a bad
 * value is recorded in the request's {@link FieldErrors} under the parameter's name (for a 400 naming all of them)
 * and a usable default is returned, so that parsing can go on to the other parameters.
 */
public final class PageParameters {

    /** The message for a {@code cursor} this list did not write. */
    public static final String CURSOR_MESSAGE = "must be a nextCursor returned by this list";

    private PageParameters() {}

    /** @return whether a query parameter was left out: null (not sent) or blank ({@code ?limit=}) */
    public static boolean absent(String value) {
        return value == null || value.isBlank();
    }

    /**
     * @return the page size {@code value} asks for, {@code defaultLimit} when it is absent; when it is not an integer
     *     from 1 to {@code maxLimit}, records that under {@code limit} and returns {@code defaultLimit}
     */
    public static int limit(String value, int defaultLimit, int maxLimit, FieldErrors errors) {
        if (absent(value)) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("limit", "must be an integer from 1 to " + maxLimit);
        return defaultLimit;
    }

    /**
     * For a list ordered by id alone ({@link PageCursor#encode(long)}).
     *
     * @return the last id of the previous page, 0 (the first page) when the cursor is absent; when it is not a cursor
     *     of this form, records {@link #CURSOR_MESSAGE} under {@code cursor} and returns 0
     */
    public static long afterId(String cursor, FieldErrors errors) {
        if (absent(cursor)) {
            return 0;
        }
        OptionalLong after = PageCursor.decode(cursor);
        if (after.isEmpty()) {
            errors.add("cursor", CURSOR_MESSAGE);
        }
        return after.orElse(0);
    }
}

package io.metacortex.notes.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of a list: the ordering it belongs to, and the sort key and id of the previous page's
 * last item (keyset paging), encoded so that clients do not build their own.
 *
 * @param order the ordering the cursor was written for, e.g. {@code updated}; a cursor only continues its own
 * @param key the sort key of the last item, as text (epoch microseconds, a lower-cased title, a rank, ...)
 * @param id the id (or version number) of the last item, which breaks ties between equal keys
 */
record PageCursor(String order, String key, long id) {

    private static final String SEPARATOR = "|";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((order + SEPARATOR + id + SEPARATOR + key).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the cursor, or empty when the text is not a cursor this API wrote for {@code order} */
    static Optional<PageCursor> decode(String cursor, String order) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals(order)) {
                return Optional.empty();
            }
            long id = Long.parseLong(parts[1]);
            return id >= 0 ? Optional.of(new PageCursor(order, parts[2], id)) : Optional.empty();
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return Optional.empty();
        }
    }
}

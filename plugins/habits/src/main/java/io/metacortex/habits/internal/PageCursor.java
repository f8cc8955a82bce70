package io.metacortex.habits.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The opaque {@code cursor} of the habit list: the last id of the previous page, encoded so clients do not build
 * their own. The prefix leaves room for other orderings later.
 */
final class PageCursor {

    private static final String PREFIX = "id:";

    private PageCursor() {
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the last id of the previous page, or empty when the text is not a cursor this API wrote */
    static OptionalLong decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                return OptionalLong.empty();
            }
            long id = Long.parseLong(text.substring(PREFIX.length()));
            return id >= 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return OptionalLong.empty();
        }
    }
}

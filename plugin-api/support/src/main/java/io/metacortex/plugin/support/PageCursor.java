package io.metacortex.plugin.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The opaque {@code cursor} of a list (keyset paging), encoded so that clients do not build their own. Two forms:
 * <ul>
 * <li>a list ordered by id alone: {@link #encode(long)} the previous page's last id, {@link #decode(String)} it
 * back;</li>
 * <li>a list with several orderings: a {@code PageCursor} holds the ordering it belongs to and the sort key and id of
 * the previous page's last item; {@link #encode()} it, {@link #decode(String, String)} it back for the ordering the
 * request asks for, so that a cursor only continues its own ordering.</li>
 * </ul>
 * Decoding never throws: text that is not a cursor of the expected form (including a negative id) decodes to empty,
 * for the caller to answer 400 naming the {@code cursor} parameter.
 *
 * @param order the ordering the cursor was written for, e.g. {@code updated}; must not contain {@code |}
 * @param key the sort key of the last item, as text (epoch microseconds, a lower-cased title, a rank, ...)
 * @param id the id (or version number) of the last item, which breaks ties between equal keys
 */
public record PageCursor(String order, String key, long id) {

    private static final String ID_PREFIX = "id:";
    private static final String SEPARATOR = "|";

    /** @return the cursor after the item with id {@code lastId}, for a list ordered by id alone */
    public static String encode(long lastId) {
        return base64(ID_PREFIX + lastId);
    }

    /** @return the last id of the previous page, or empty when the text is not a cursor {@link #encode(long)} wrote */
    public static OptionalLong decode(String cursor) {
        try {
            String text = text(cursor);
            if (!text.startsWith(ID_PREFIX)) {
                return OptionalLong.empty();
            }
            long id = Long.parseLong(text.substring(ID_PREFIX.length()));
            return id >= 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return OptionalLong.empty();
        }
    }

    /** @return this cursor as the opaque text a page hands out */
    public String encode() {
        return base64(order + SEPARATOR + id + SEPARATOR + key);
    }

    /** @return the cursor, or empty when the text is not a cursor {@link #encode()} wrote for {@code order} */
    public static Optional<PageCursor> decode(String cursor, String order) {
        try {
            String[] parts = text(cursor).split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals(order)) {
                return Optional.empty();
            }
            long id = Long.parseLong(parts[1]);
            return id >= 0 ? Optional.of(new PageCursor(order, parts[2], id)) : Optional.empty();
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return Optional.empty();
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
    }
}

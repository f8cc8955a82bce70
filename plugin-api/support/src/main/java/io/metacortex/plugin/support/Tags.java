package io.metacortex.plugin.support;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one definition of a well-formed tag, shared by request bodies and {@code tag} filters, and by the plugins that
 * use it, so that a tag means the same in each: trimmed, lower-cased, 1 to {@value #MAX_LENGTH} characters, at most
 * {@value #MAX_COUNT} on one item.
 */
public final class Tags {

    /** The longest tag, in characters (code points) after trimming. */
    public static final int MAX_LENGTH = 50;
    /** The most distinct tags one item may have. */
    public static final int MAX_COUNT = 20;
    /** The message for a malformed tag. */
    public static final String TAG_MESSAGE = "each tag must be 1 to " + MAX_LENGTH + " characters after trimming";

    private Tags() {}

    /** @return the tag trimmed and lower-cased, or empty when it is null, blank or too long */
    public static Optional<String> normalise(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String normal = tag.strip().toLowerCase(Locale.ROOT);
        int length = normal.codePointCount(0, normal.length());
        return length >= 1 && length <= MAX_LENGTH ? Optional.of(normal) : Optional.empty();
    }

    /**
     * @return the tags normalised, without duplicates, sorted; empty for null
     * @throws IllegalArgumentException with a message for the {@code tags} field when a tag is malformed or there
     *     are more than {@link #MAX_COUNT} distinct tags
     */
    public static List<String> normaliseAll(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        TreeSet<String> normal = new TreeSet<>();
        for (String tag : tags) {
            normal.add(normalise(tag).orElseThrow(() -> new IllegalArgumentException(TAG_MESSAGE)));
        }
        if (normal.size() > MAX_COUNT) {
            throw new IllegalArgumentException("must hold at most " + MAX_COUNT + " distinct tags");
        }
        return List.copyOf(normal);
    }
}

package io.metacortex.calendar.internal;

import java.util.Optional;

/**
 * The conditional headers of a write (RFC 9110 13.1): {@code If-Match} (a list of entity tags or {@code *}) and
 * {@code If-None-Match: *}, checked against the stored object inside the write's transaction.
 *
 * @param ifMatch the header as sent, or null
 * @param ifNoneMatch the header as sent, or null
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    /** @throws io.metacortex.plugin.support.ApiException 412 when the stored object (or its absence) fails them */
    void check(String uid, Optional<String> storedEtag) {
        if (ifNoneMatch != null
                && (ifNoneMatch.strip().equals("*") ? storedEtag.isPresent() : matches(ifNoneMatch, storedEtag))) {
            throw CalendarErrors.preconditionFailed(uid, "If-None-Match");
        }
        if (ifMatch != null
                && (storedEtag.isEmpty() || !(ifMatch.strip().equals("*") || matches(ifMatch, storedEtag)))) {
            throw CalendarErrors.preconditionFailed(uid, "If-Match");
        }
    }

    /** Strong comparison: a weak tag ({@code W/"..."}) never matches; see {@link IfMatch#matches}. */
    private static boolean matches(String header, Optional<String> storedEtag) {
        return storedEtag.isPresent() && IfMatch.matches(header, storedEtag.get());
    }
}

package io.metacortex.calendar.internal.dav;

import java.util.OptionalLong;

/**
 * A calendar's RFC 6578 sync token as a URI: {@code urn:metacortex:calendar:<calendar id>:<sync token>}, the number
 * the calendar's changes count (each object records the number of its last change).
 */
final class SyncToken {

    private static final String PREFIX = "urn:metacortex:calendar:";

    private SyncToken() {}

    static String of(long calendarId, long number) {
        return PREFIX + calendarId + ":" + number;
    }

    /**
     * @return the number of a token this server gave for this calendar, no later than its current one; empty for
     *     any other text (the client must then sync again from scratch: 403 DAV:valid-sync-token)
     */
    static OptionalLong read(String token, long calendarId, long current) {
        String prefix = PREFIX + calendarId + ":";
        String text = token.strip();
        if (!text.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(text.substring(prefix.length()));
            return number >= 0 && number <= current ? OptionalLong.of(number) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

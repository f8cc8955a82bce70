package io.metacortex.tasks.internal;

import java.util.OptionalLong;

/** Path ids: positive integers, taken as text so that a malformed one answers like a missing one (404). */
final class Ids {

    private static final int MAX_ECHOED_ID = 40;

    private Ids() {}

    static OptionalLong parse(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return OptionalLong.of(parsed);
            }
        } catch (NumberFormatException e) {
            // not an id
        }
        return OptionalLong.empty();
    }

    /** @return the id as sent, cut short for an error message */
    static String echo(String id) {
        return id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id;
    }
}

package io.metacortex.finance.internal;

import java.util.function.Function;

/** Path ids: positive integers, taken as text so that a malformed one answers like a missing one (404). */
final class Ids {

    private static final int MAX_ECHOED_ID = 40;

    private Ids() {}

    /** @return the id, or throws {@code notFound} of the id as sent (cut short) */
    static long parse(String id, Function<String, RuntimeException> notFound) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id
        }
        throw notFound.apply(id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id);
    }
}

package io.metacortex.host.admin;

import io.metacortex.host.errors.HostException;

/** The numeric query parameters of the admin API's lists ({@code limit}, {@code before}), read the same way. */
final class QueryNumbers {

    private QueryNumbers() {}

    /**
     * @return {@code value} as a whole number from {@code min} to {@code max}
     * @throws HostException 400 naming the parameter and the range otherwise
     */
    static long wholeNumber(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new HostException(
                400,
                "invalid query parameter",
                name + " must be a whole number from " + min + " to " + max + ".",
                null);
    }
}

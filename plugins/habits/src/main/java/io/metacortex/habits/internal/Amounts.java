package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.util.Optional;

/** The amounts of measurable habits (targets and check-in values): plain decimals with up to 3 decimal places. */
final class Amounts {

    static final int MAX_SCALE = 3;
    static final BigDecimal LIMIT = new BigDecimal("1000000000");

    private Amounts() {
    }

    /**
     * @param text the amount as sent (a JSON number or numeric string)
     * @return the amount without trailing zeros (8.50 becomes 8.5, 100 stays 100), or empty when the text is not a
     *     number from 0 to below 1,000,000,000 with at most 3 decimal places
     */
    static Optional<BigDecimal> parse(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        BigDecimal normal = value.stripTrailingZeros();
        if (normal.scale() < 0) {
            normal = normal.setScale(0);
        }
        if (normal.signum() < 0 || normal.compareTo(LIMIT) >= 0 || normal.scale() > MAX_SCALE) {
            return Optional.empty();
        }
        return Optional.of(normal);
    }

    static String message(String lowest) {
        return "must be a number from " + lowest + " to 999999999.999 with at most " + MAX_SCALE + " decimal places";
    }
}

package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.util.Optional;

/** The amounts of measurable habits (targets and check-in values): plain decimals with up to 3 decimal places. */
final class Amounts {

    static final int MAX_SCALE = 3;
    static final BigDecimal LIMIT = new BigDecimal("1000000000");

    private Amounts() {}

    /**
     * @param value the amount as sent
     * @return the amount without trailing zeros (8.50 becomes 8.5, 100 stays 100), or empty when it is not from 0 to
     *     below 1,000,000,000 with at most 3 decimal places
     */
    static Optional<BigDecimal> normalise(BigDecimal value) {
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

package io.metacortex.finance.internal;

import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amounts and currencies as the plugin stores them: exact decimals with at most four decimal places and fifteen
 * integer digits (the columns' NUMERIC(19,4)), next to an ISO 4217 code. In JSON an amount is a string ({@code
 * "-12.50"}), in requests and responses alike, so that no client reads it as a binary floating-point number.
 */
public final class Money {

    static final int SCALE = 4;
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000000"); // 10^15: NUMERIC(19,4)
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,4})?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Money() {}

    /**
     * @return {@code value} as an exact amount, or empty with an error on {@code field} in {@code errors}
     */
    static Optional<BigDecimal> parse(String value, String field, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "must be a decimal amount as a string, e.g. \"-12.50\"");
            return Optional.empty();
        }
        if (!DECIMAL.matcher(value.strip()).matches()) {
            errors.add(field, "must be a decimal amount with at most 15 digits before and 4 after the point");
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(value.strip()));
    }

    /** @return whether {@code amount} fits the columns: at most 4 decimal places, less than 10^15 in magnitude */
    static boolean fits(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= SCALE && amount.abs().compareTo(LIMIT) < 0;
    }

    /** @return the amount as JSON shows it: plain notation, no exponent, trailing zeros kept as stored */
    public static String format(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /**
     * @return {@code amount} with the currency's usual decimal places (2 for EUR, 0 for JPY), or more when it has
     *     more significant ones: {@code 12.5000 EUR} shows as {@code 12.50}, {@code 0.1235 EUR} as {@code 0.1235}
     */
    static BigDecimal display(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        int scale = Math.max(digits, Math.max(0, amount.stripTrailingZeros().scale()));
        return amount.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }

    /** @return the ISO 4217 code, upper case, or empty with an error on {@code field} in {@code errors} */
    static Optional<String> currency(String code, String field, FieldErrors errors) {
        String upper = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(upper).matches() || !isIso4217(upper)) {
            errors.add(field, "must be an ISO 4217 currency code, e.g. \"EUR\"");
            return Optional.empty();
        }
        return Optional.of(upper);
    }

    static boolean isIso4217(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

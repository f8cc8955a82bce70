package io.metacortex.host.modules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One per-user setting a plugin declares: its type, default, and the allowed values ({@code enum}, a numeric
 * range, a maximum string length). Values are {@code String}, {@code Long}, {@code Double} or {@code Boolean}.
 */
public record Setting(
        Type type,
        Object defaultValue,
        List<Object> allowed,
        BigDecimal minimum,
        BigDecimal maximum,
        Integer maxLength,
        String description) {

    /** The JSON types a setting can have. */
    public enum Type {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A value a setting does not accept; the message says what it must be, e.g. "must be at most 50". */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** @return {@code value} as this setting's Java type, after checking the type and the allowed values */
    Object accept(JsonNode value) throws Refused {
        Object converted = convert(type, value);
        if (allowed != null && !allowed.contains(converted)) {
            throw new Refused(
                    "must be one of " + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (converted instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (minimum != null && decimal.compareTo(minimum) < 0) {
                throw new Refused("must be at least " + minimum.toPlainString());
            }
            if (maximum != null && decimal.compareTo(maximum) > 0) {
                throw new Refused("must be at most " + maximum.toPlainString());
            }
        }
        if (maxLength != null
                && converted instanceof String text
                && text.codePointCount(0, text.length()) > maxLength) {
            throw new Refused("must be at most " + maxLength + " characters");
        }
        return converted;
    }

    /** @return {@code value} as the Java type of {@code type}, without checking the allowed values */
    static Object convert(Type type, JsonNode value) throws Refused {
        switch (type) {
            case STRING -> {
                if (value.isTextual()) {
                    return value.textValue();
                }
                throw new Refused("must be a string");
            }
            case INTEGER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
                throw new Refused("must be a whole number");
            }
            case NUMBER -> {
                if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                    return value.doubleValue();
                }
                throw new Refused("must be a number");
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                throw new Refused("must be true or false");
            }
            default -> throw new IllegalStateException("unknown type " + type);
        }
    }

    /** @return the definition as the schema file writes it, for clients rendering a settings form */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("type", type.label());
        described.put("default", defaultValue);
        if (allowed != null) {
            described.put("enum", allowed);
        }
        if (minimum != null) {
            described.put("minimum", plain(minimum));
        }
        if (maximum != null) {
            described.put("maximum", plain(maximum));
        }
        if (maxLength != null) {
            described.put("maxLength", maxLength);
        }
        if (description != null) {
            described.put("description", description);
        }
        return described;
    }

    /** @return the bound as JSON would write it: 50, not 5E+1 */
    private static Number plain(BigDecimal bound) {
        BigDecimal stripped = bound.stripTrailingZeros();
        return stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19
                ? (Number) stripped.longValueExact()
                : (Number) bound.doubleValue();
    }
}

package io.metacortex.host.errors;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a JSON value must look like to fit a field of a given Java type, in words for the client that sent it (no
 * Java type names): "must be a string", "must be one of LOW, MEDIUM, HIGH", "must be a date such as 2026-12-06".
 */
final class ExpectedValues {

    private static final Map<Class<?>, String> TIMES = Map.of(
            Instant.class, "must be a date-time such as 2026-12-06T10:15:30Z",
            OffsetDateTime.class, "must be a date-time such as 2026-12-06T10:15:30+01:00",
            ZonedDateTime.class, "must be a date-time such as 2026-12-06T10:15:30+01:00",
            LocalDateTime.class, "must be a date and time such as 2026-12-06T10:15:30",
            LocalDate.class, "must be a date such as 2026-12-06",
            LocalTime.class, "must be a time such as 10:15:30",
            OffsetTime.class, "must be a time such as 10:15:30+01:00",
            Duration.class, "must be a duration such as PT15M",
            ZoneId.class, "must be a time zone such as Europe/Berlin");
    private static final Map<Class<?>, String> RANGES = Map.of(
            byte.class,
            range(Byte.MIN_VALUE, Byte.MAX_VALUE),
            Byte.class,
            range(Byte.MIN_VALUE, Byte.MAX_VALUE),
            short.class,
            range(Short.MIN_VALUE, Short.MAX_VALUE),
            Short.class,
            range(Short.MIN_VALUE, Short.MAX_VALUE),
            int.class,
            range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            Integer.class,
            range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            long.class,
            range(Long.MIN_VALUE, Long.MAX_VALUE),
            Long.class,
            range(Long.MIN_VALUE, Long.MAX_VALUE));

    private ExpectedValues() {}

    /** @return the message for a value that does not fit {@code type}, or a neutral one when the type is unknown */
    static String of(Class<?> type) {
        if (type == null || type == Object.class) {
            return "has the wrong type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type == char.class || type == Character.class) {
            return "must be a single character";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (RANGES.containsKey(type) || type == BigInteger.class) {
            return "must be a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", ", "must be one of ", ""));
        }
        if (TIMES.containsKey(type)) {
            return TIMES.get(type);
        }
        if (type == UUID.class) {
            return "must be an id such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        }
        if (type == byte[].class) {
            return "must be Base64 text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "is not a valid value";
    }

    /** @return the message for a number too large (or small) for {@code type}, e.g. a whole number over 2^63 */
    static String outOfRange(Class<?> type) {
        String range = RANGES.get(type);
        return range != null ? "must be a whole number from " + range : "is out of range";
    }

    private static String range(long min, long max) {
        return min + " to " + max;
    }
}

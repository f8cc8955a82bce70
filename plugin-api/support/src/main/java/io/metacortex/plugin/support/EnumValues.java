package io.metacortex.plugin.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses enum names from request text, ignoring case and surrounding blanks. */
public final class EnumValues {

    private EnumValues() {}

    /** @return the constant named {@code text} whatever its case, or empty when there is none */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(name))
                .findFirst();
    }

    /** @return the validation message naming the accepted values, e.g. "must be one of LOW, MEDIUM, HIGH" */
    public static String mustBeOneOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", ", "must be one of ", ""));
    }
}

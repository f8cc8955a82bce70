package io.metacortex.habits.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses enum names from request text, ignoring case and surrounding blanks. */
final class EnumValues {

    private EnumValues() {
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
    }

    /** @return the validation message naming the accepted values, e.g. "must be one of LOW, MEDIUM, HIGH" */
    static String mustBeOneOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ", "must be one of ", ""));
    }
}

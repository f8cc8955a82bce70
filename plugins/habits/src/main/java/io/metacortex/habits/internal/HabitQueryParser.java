package io.metacortex.habits.internal;

import static io.metacortex.plugin.support.PageParameters.absent;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.EnumValues;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageParameters;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads the query parameters of {@code GET /api/habits} into a {@link HabitQuery}; bad values give a 400. */
final class HabitQueryParser {

    private final FieldErrors errors = new FieldErrors();

    private HabitQueryParser() {}

    /**
     * All parameters are as sent (null or empty when absent).
     *
     * @throws ApiException 400 naming each parameter that cannot be understood
     */
    static HabitQuery parse(String archived, List<String> kind, String limit, String cursor) {
        HabitQueryParser parser = new HabitQueryParser();
        HabitQuery query = new HabitQuery(
                parser.archived(archived), parser.kinds(kind), parser.cursor(cursor), parser.limit(limit));
        parser.errors.throwIfAny(ApiException::invalidQuery);
        return query;
    }

    private Boolean archived(String value) {
        if (absent(value)) {
            return null;
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        errors.add("archived", "must be true or false");
        return null;
    }

    private Set<Kind> kinds(List<String> values) {
        Set<Kind> parsed = EnumSet.noneOf(Kind.class);
        for (String value : values == null ? List.<String>of() : values) {
            Optional<Kind> kind = EnumValues.parse(Kind.class, value);
            kind.ifPresentOrElse(parsed::add, () -> errors.add("kind", EnumValues.mustBeOneOf(Kind.class)));
        }
        return parsed;
    }

    private long cursor(String value) {
        return PageParameters.afterId(value, errors);
    }

    private int limit(String value) {
        return PageParameters.limit(value, HabitQuery.DEFAULT_LIMIT, HabitQuery.MAX_LIMIT, errors);
    }
}

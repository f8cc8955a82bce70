package io.metacortex.tasks.internal;

import static io.metacortex.plugin.support.PageParameters.absent;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.EnumValues;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageParameters;
import io.metacortex.plugin.support.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the query parameters of {@code GET /api/tasks} into a {@link TaskQuery}; bad values give a 400. */
final class TaskQueryParser {

    private final FieldErrors errors = new FieldErrors();

    private TaskQueryParser() {}

    /**
     * All parameters are as sent (null or empty when absent).
     *
     * @throws ApiException 400 naming each parameter that cannot be understood
     */
    static TaskQuery parse(
            List<String> status,
            List<String> priority,
            List<String> tag,
            String dueBefore,
            String dueAfter,
            String parentId,
            String limit,
            String cursor) {
        return parse(status, priority, tag, dueBefore, dueAfter, parentId, null, null, limit, cursor);
    }

    /**
     * As {@link #parse(List, List, List, String, String, String, String, String)}, with {@code projectId} (a
     * project id) and {@code delegated} ({@code true} or {@code false}) too.
     *
     * @throws ApiException 400 naming each parameter that cannot be understood
     */
    static TaskQuery parse(
            List<String> status,
            List<String> priority,
            List<String> tag,
            String dueBefore,
            String dueAfter,
            String parentId,
            String projectId,
            String delegated,
            String limit,
            String cursor) {
        TaskQueryParser parser = new TaskQueryParser();
        TaskQuery query = new TaskQuery(
                parser.enums("status", Status.class, status),
                parser.enums("priority", Priority.class, priority),
                parser.tags(tag),
                parser.instant("dueBefore", dueBefore),
                parser.instant("dueAfter", dueAfter),
                parser.id("parentId", parentId, "must be a task id (a positive integer)"),
                parser.id("projectId", projectId, "must be a project id (a positive integer)"),
                parser.bool("delegated", delegated),
                parser.cursor(cursor),
                parser.limit(limit));
        parser.errors.throwIfAny(ApiException::invalidQuery);
        return query;
    }

    private <E extends Enum<E>> Set<E> enums(String name, Class<E> type, List<String> values) {
        Set<E> parsed = EnumSet.noneOf(type);
        for (String value : nonNull(values)) {
            Optional<E> e = EnumValues.parse(type, value);
            e.ifPresentOrElse(parsed::add, () -> errors.add(name, EnumValues.mustBeOneOf(type)));
        }
        return parsed;
    }

    private List<String> tags(List<String> values) {
        Set<String> tags = new TreeSet<>();
        for (String value : nonNull(values)) {
            Tags.normalise(value).ifPresentOrElse(tags::add, () -> errors.add("tag", Tags.TAG_MESSAGE));
        }
        return new ArrayList<>(tags);
    }

    private Instant instant(String name, String value) {
        if (absent(value)) {
            return null;
        }
        Optional<Instant> instant = Instants.parse(value);
        if (instant.isEmpty()) {
            errors.add(name, Instants.MESSAGE);
        }
        return instant.orElse(null);
    }

    private boolean bool(String name, String value) {
        if (absent(value)) {
            return false;
        }
        String text = value.strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        errors.add(name, "must be true or false");
        return false;
    }

    private Long id(String name, String value, String message) {
        if (absent(value)) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, message);
        return null;
    }

    private long cursor(String value) {
        return PageParameters.afterId(value, errors);
    }

    private int limit(String value) {
        return PageParameters.limit(value, TaskQuery.DEFAULT_LIMIT, TaskQuery.MAX_LIMIT, errors);
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }
}

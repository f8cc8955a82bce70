package io.metacortex.notes.internal;

import static io.metacortex.plugin.support.PageParameters.absent;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.support.PageParameters;
import io.metacortex.plugin.support.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the query parameters of the note lists into a {@link NoteQuery} or {@link Paging}; bad values give a 400. */
final class NoteQueryParser {

    static final String VERSION_ORDER = "version";

    private final FieldErrors errors = new FieldErrors();

    private NoteQueryParser() {}

    /**
     * {@code GET /api/notes}. All parameters are as sent (null or empty when absent).
     *
     * @throws ApiException 400 naming each parameter that cannot be understood
     */
    static NoteQuery parse(
            String q, List<String> tag, String pinned, String archived, String sort, String limit, String cursor) {
        NoteQueryParser parser = new NoteQueryParser();
        String text = parser.text(q);
        NoteOrder order = text != null ? parser.relevance(sort) : parser.sort(sort);
        NoteQuery query = new NoteQuery(
                text,
                parser.tags(tag),
                parser.bool("pinned", pinned),
                parser.archived(archived),
                order,
                parser.cursor(cursor, order),
                parser.limit(limit));
        parser.errors.throwIfAny(ApiException::invalidQuery);
        return query;
    }

    /** Backlinks, ordered by title. @throws ApiException 400 naming each bad parameter */
    static Paging backlinks(String limit, String cursor) {
        NoteQueryParser parser = new NoteQueryParser();
        Paging paging = new Paging(parser.cursor(cursor, NoteOrder.TITLE), parser.limit(limit));
        parser.errors.throwIfAny(ApiException::invalidQuery);
        return paging;
    }

    /** Versions, newest first. @throws ApiException 400 naming each bad parameter */
    static Paging versions(String limit, String cursor) {
        NoteQueryParser parser = new NoteQueryParser();
        PageCursor after = null;
        if (!absent(cursor)) {
            after = PageCursor.decode(cursor, VERSION_ORDER).orElse(null);
            if (after == null) {
                parser.errors.add("cursor", PageParameters.CURSOR_MESSAGE);
            }
        }
        Paging paging = new Paging(after, parser.limit(limit));
        parser.errors.throwIfAny(ApiException::invalidQuery);
        return paging;
    }

    private String text(String q) {
        if (absent(q)) {
            return null;
        }
        String text = q.strip();
        if (text.codePointCount(0, text.length()) > NoteQuery.MAX_TEXT) {
            errors.add("q", "must be at most " + NoteQuery.MAX_TEXT + " characters");
        }
        return text;
    }

    private NoteOrder relevance(String sort) {
        if (!absent(sort)) {
            errors.add("sort", "search results are ordered by relevance: leave sort out when q is given");
        }
        return NoteOrder.RELEVANCE;
    }

    private NoteOrder sort(String sort) {
        if (absent(sort)) {
            return NoteOrder.UPDATED;
        }
        Optional<NoteOrder> order = switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "updated" -> Optional.of(NoteOrder.UPDATED);
            case "created" -> Optional.of(NoteOrder.CREATED);
            case "title" -> Optional.of(NoteOrder.TITLE);
            default -> Optional.empty();
        };
        if (order.isEmpty()) {
            errors.add("sort", NoteOrder.SORT_MESSAGE);
        }
        return order.orElse(NoteOrder.UPDATED);
    }

    private List<String> tags(List<String> values) {
        Set<String> tags = new TreeSet<>();
        for (String value : nonNull(values)) {
            Tags.normalise(value).ifPresentOrElse(tags::add, () -> errors.add("tag", Tags.TAG_MESSAGE));
        }
        return new ArrayList<>(tags);
    }

    private Boolean bool(String name, String value) {
        if (absent(value)) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(name, "must be true or false");
                yield null;
            }
        };
    }

    /** Absent means false: archived notes are hidden unless asked for. */
    private Boolean archived(String value) {
        if (absent(value)) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "any" -> null;
            default -> {
                errors.add("archived", "must be true, false or any");
                yield false;
            }
        };
    }

    private PageCursor cursor(String value, NoteOrder order) {
        if (absent(value)) {
            return null;
        }
        Optional<PageCursor> after =
                PageCursor.decode(value, order.cursorName()).filter(cursor -> order.acceptsKey(cursor.key()));
        if (after.isEmpty()) {
            errors.add(
                    "cursor", PageParameters.CURSOR_MESSAGE + (order == NoteOrder.RELEVANCE ? " for the same q" : ""));
        }
        return after.orElse(null);
    }

    private int limit(String value) {
        return PageParameters.limit(value, NoteQuery.DEFAULT_LIMIT, NoteQuery.MAX_LIMIT, errors);
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }
}

package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.util.Locale;
import java.util.Set;

/** Checks rule requests: 422 naming every field at fault (a regex that is not bounded names {@code pattern}). */
final class RuleRequests {

    /** The body of {@code POST /api/finance/rules} and {@code PUT /api/finance/rules/{id}}. */
    public record RuleRequest(String field, String match, String pattern, Long categoryId, Integer position) {}

    record Draft(String field, String match, String pattern, long categoryId, int position) {}

    private static final Set<String> FIELDS = Set.of("merchant", "description");
    private static final Set<String> MATCHES = Set.of("contains", "regex");

    private RuleRequests() {}

    static Draft check(RuleRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the rule's field, match, pattern and categoryId");
        }
        FieldErrors errors = new FieldErrors();
        String field = lower(request.field());
        if (!FIELDS.contains(field)) {
            errors.add("field", "must be merchant or description");
        }
        String match = request.match() == null ? "contains" : lower(request.match());
        if (!MATCHES.contains(match)) {
            errors.add("match", "must be contains or regex");
        }
        String pattern = request.pattern() == null ? "" : request.pattern();
        if ("regex".equals(match)) {
            String problem = BoundedPattern.compile(pattern).problem();
            if (problem != null) {
                errors.add("pattern", problem);
            }
        } else if (pattern.isBlank() || pattern.length() > BoundedPattern.MAX_LENGTH) {
            errors.add("pattern", "must have 1 to " + BoundedPattern.MAX_LENGTH + " characters");
        }
        if (request.categoryId() == null || request.categoryId() <= 0) {
            errors.add("categoryId", "must be the id of a category");
        }
        int position = request.position() == null ? 0 : request.position();
        if (position < 0 || position > 10_000) {
            errors.add("position", "must be between 0 and 10000");
        }
        errors.throwIfAny(ApiException::invalidBody);
        return new Draft(field, match, pattern, request.categoryId(), position);
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}

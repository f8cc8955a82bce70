package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.support.PageParameters;
import io.metacortex.plugin.support.PageQuery;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A page of a list in id order, as the other plugins' lists: {@code limit} (1..200, default 50) items, and the
 * {@code nextCursor} to pass as {@code cursor} for the next page (null on the last page).
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** A keyset position: rows after {@code afterId}, {@code limit} of them. */
    record Request(long afterId, int limit) {

        /** @throws ApiException 400 naming {@code limit} or {@code cursor} */
        static Request parse(PageQuery query) {
            FieldErrors errors = new FieldErrors();
            int limit = PageParameters.limit(query.getLimit(), PageQuery.DEFAULT_LIMIT, PageQuery.MAX_LIMIT, errors);
            long after = PageParameters.afterId(query.getCursor(), errors);
            errors.throwIfAny(ApiException::invalidQuery);
            return new Request(after, limit);
        }
    }

    /** @param rows up to {@code request.limit() + 1} rows: one more than a page tells there is a next one */
    static <T> Page<T> of(List<T> rows, Request request, ToLongFunction<T> id) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, PageCursor.encode(id.applyAsLong(items.get(items.size() - 1))));
    }
}

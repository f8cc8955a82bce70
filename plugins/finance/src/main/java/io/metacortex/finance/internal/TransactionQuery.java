package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.support.PageParameters;
import io.metacortex.plugin.support.PageQuery;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/finance/transactions?accountId=&from=&to=&categoryId=&limit=&cursor=}: newest booking day first
 * (then highest id); {@code from} and {@code to} are inclusive ISO dates.
 *
 * @param after the (day, id) the previous page ended with, or null for the first page
 */
record TransactionQuery(Long accountId, LocalDate from, LocalDate to, Long categoryId, int limit, PageCursor after) {

    static final String ORDER = "booked";

    /** @throws ApiException 400 naming each parameter that cannot be understood */
    static TransactionQuery parse(
            String accountId, String from, String to, String categoryId, String limit, String cursor) {
        FieldErrors errors = new FieldErrors();
        Long account = id(accountId, "accountId", errors);
        Long category = id(categoryId, "categoryId", errors);
        LocalDate fromDay = date(from, "from", errors);
        LocalDate toDay = date(to, "to", errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.add("to", "must not be before from");
        }
        int size = PageParameters.limit(limit, PageQuery.DEFAULT_LIMIT, PageQuery.MAX_LIMIT, errors);
        PageCursor after = null;
        if (!PageParameters.absent(cursor)) {
            after = PageCursor.decode(cursor, ORDER)
                    .filter(c -> isDate(c.key()))
                    .orElse(null);
            if (after == null) {
                errors.add("cursor", PageParameters.CURSOR_MESSAGE);
            }
        }
        errors.throwIfAny(ApiException::invalidQuery);
        return new TransactionQuery(account, fromDay, toDay, category, size, after);
    }

    private static Long id(String value, String field, FieldErrors errors) {
        if (PageParameters.absent(value)) {
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
        errors.add(field, "must be a positive integer id");
        return null;
    }

    static LocalDate date(String value, String field, FieldErrors errors) {
        if (PageParameters.absent(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
